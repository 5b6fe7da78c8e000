package io.kappa.job;


import io.kappa.cassandra.CassandraSettings;
import io.kappa.cassandra.CassandraUpserts;
import io.kappa.cassandra.Tables;
import io.kappa.cassandra.WriteRetries;
import io.kappa.kafka.KafkaDeadLetterWriter;
import java.time.Duration;
import io.kappa.core.DeadLetter;
import io.kappa.kafka.KafkaSettings;
import io.kappa.kafka.KafkaSinks;
import io.kappa.weather.CityWindowSummary;
import io.kappa.weather.Observation;
import io.kappa.words.LateWord;
import io.kappa.words.WindowedWordCount;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The production sinks: results upserted into Cassandra, late records and dead letters to their Kafka topics. */
public class ConnectorSinks implements Sinks {
    private static final long serialVersionUID = 1L;
    private final KafkaSettings kafka;
    private final CassandraSettings cassandra;
    private final String lateTopic;
    private final String weatherLateTopic;
    private final String deadLetterTopic;
    private final CassandraUpserts.Writes writes;

    public ConnectorSinks(KafkaSettings kafka, CassandraSettings cassandra, String lateTopic, String weatherLateTopic,
                          String deadLetterTopic, int maxConcurrentWrites, Duration retryBudget) {
        this.kafka = kafka;
        this.cassandra = cassandra;
        this.lateTopic = lateTopic;
        this.weatherLateTopic = weatherLateTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.writes = new CassandraUpserts.Writes(maxConcurrentWrites, WriteRetries.defaults(retryBudget),
                new KafkaDeadLetterWriter(kafka, deadLetterTopic));
    }

    public static ConnectorSinks from(JobOptions o) {
        if (o.output == JobOptions.Output.discard) {
            return new DiscardingSinks(o.kafka(), o.lateTopic(), o.weatherLateTopic(), o.deadLetterTopic());
        }
        return new ConnectorSinks(o.kafka(), o.cassandra(), o.lateTopic(), o.weatherLateTopic(), o.deadLetterTopic(),
                o.cassandraMaxConcurrentWrites, o.cassandraRetryBudget);
    }

    @Override
    public void wordCounts(DataStream<WindowedWordCount> counts) {
        // a window's counts come out together at the watermark that fires it: one partition, written in batches
        CassandraUpserts.write(counts, cassandra, writes, Tables.WORD_COUNTS);
    }

    @Override
    public void lateWords(DataStream<LateWord> late) {
        late.sinkTo(KafkaSinks.json(kafka, lateTopic, (LateWord w) -> w.word))
                .name("Kafka: " + lateTopic).uid("kafka-late-words-sink");
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        deadLetters.sinkTo(KafkaSinks.deadLetters(kafka, deadLetterTopic))
                .name("Kafka: " + deadLetterTopic).uid("kafka-dead-letters-sink");
    }

    @Override
    public void weatherObservations(DataStream<Observation> observations) {
        CassandraUpserts.write(observations, cassandra, writes, Tables.WEATHER_OBSERVATIONS);
    }

    @Override
    public void latestWeather(DataStream<Observation> latest) {
        CassandraUpserts.write(latest, cassandra, writes, Tables.WEATHER_LATEST);
    }

    @Override
    public void weatherWindows(DataStream<CityWindowSummary> windows) {
        CassandraUpserts.write(windows, cassandra, writes, Tables.WEATHER_WINDOWS);
    }

    @Override
    public void lateWeather(DataStream<Observation> late) {
        late.sinkTo(KafkaSinks.json(kafka, weatherLateTopic, (Observation o) -> Long.toString(o.cityId)))
                .name("Kafka: " + weatherLateTopic).uid("kafka-late-weather-sink");
    }
}
