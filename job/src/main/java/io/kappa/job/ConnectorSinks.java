package io.kappa.job;

import io.kappa.cassandra.CassandraSettings;
import io.kappa.cassandra.CassandraWordCountSink;
import io.kappa.kafka.DeadLetter;
import io.kappa.kafka.KafkaSettings;
import io.kappa.kafka.KafkaSinks;
import io.kappa.words.LateWord;
import io.kappa.words.WindowedWordCount;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The production sinks: counts upserted into Cassandra, late words and dead letters to their Kafka topics. */
public class ConnectorSinks implements Sinks {
    private static final long serialVersionUID = 1L;
    private final KafkaSettings kafka;
    private final CassandraSettings cassandra;
    private final String lateTopic;
    private final String deadLetterTopic;
    private final int maxConcurrentWrites;

    public ConnectorSinks(KafkaSettings kafka, CassandraSettings cassandra, String lateTopic, String deadLetterTopic,
                          int maxConcurrentWrites) {
        this.kafka = kafka;
        this.cassandra = cassandra;
        this.lateTopic = lateTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.maxConcurrentWrites = maxConcurrentWrites;
    }

    public static ConnectorSinks from(JobOptions o) {
        return new ConnectorSinks(o.kafka(), o.cassandra(), o.lateTopic, o.deadLetterTopic,
                o.cassandraMaxConcurrentWrites);
    }

    @Override
    public void wordCounts(DataStream<WindowedWordCount> counts) {
        CassandraWordCountSink.write(counts, cassandra, maxConcurrentWrites);
    }

    @Override
    public void lateWords(DataStream<LateWord> late) {
        late.sinkTo(KafkaSinks.lateWords(kafka, lateTopic)).name("Kafka: " + lateTopic).uid("kafka-late-words-sink");
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        deadLetters.sinkTo(KafkaSinks.deadLetters(kafka, deadLetterTopic))
                .name("Kafka: " + deadLetterTopic).uid("kafka-dead-letters-sink");
    }
}
