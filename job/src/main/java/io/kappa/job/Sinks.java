package io.kappa.job;

import io.kappa.kafka.DeadLetter;
import io.kappa.words.LateWord;
import io.kappa.words.WindowedWordCount;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the topology's results go. Production: Cassandra upserts and Kafka side topics
 * ({@link ConnectorSinks}); tests: in-memory collections.
 */
public interface Sinks extends Serializable {
    void wordCounts(DataStream<WindowedWordCount> counts);

    void lateWords(DataStream<LateWord> late);

    void deadLetters(DataStream<DeadLetter> deadLetters);
}
