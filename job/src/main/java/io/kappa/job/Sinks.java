package io.kappa.job;

import io.kappa.core.DeadLetter;
import io.kappa.weather.CityWindowSummary;
import io.kappa.weather.Observation;
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

    /** Records of any input that could not be read, with the reason. */
    void deadLetters(DataStream<DeadLetter> deadLetters);

    /** Every enriched reading (upserted per city and time). */
    void weatherObservations(DataStream<Observation> observations);

    /** Readings newer than any before them for their city. */
    void latestWeather(DataStream<Observation> latest);

    void weatherWindows(DataStream<CityWindowSummary> windows);

    /** Readings too late for their window's summary (they are still in {@link #weatherObservations}). */
    void lateWeather(DataStream<Observation> late);
}
