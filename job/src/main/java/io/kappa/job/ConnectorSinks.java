package io.kappa.job;

import static io.kappa.cassandra.CassandraUpserts.bigint;
import static io.kappa.cassandra.CassandraUpserts.dbl;
import static io.kappa.cassandra.CassandraUpserts.integer;
import static io.kappa.cassandra.CassandraUpserts.text;
import static io.kappa.cassandra.CassandraUpserts.timestamp;

import io.kappa.cassandra.CassandraSchema;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.cassandra.CassandraUpserts;
import io.kappa.kafka.DeadLetter;
import io.kappa.kafka.KafkaSettings;
import io.kappa.kafka.KafkaSinks;
import io.kappa.weather.CityWindowSummary;
import io.kappa.weather.Observation;
import io.kappa.words.LateWord;
import io.kappa.words.WindowedWordCount;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The production sinks: results upserted into Cassandra, late records and dead letters to their Kafka topics. */
public class ConnectorSinks implements Sinks {
    private static final long serialVersionUID = 1L;
    private final KafkaSettings kafka;
    private final CassandraSettings cassandra;
    private final String lateTopic;
    private final String weatherLateTopic;
    private final String deadLetterTopic;
    private final int maxConcurrentWrites;

    public ConnectorSinks(KafkaSettings kafka, CassandraSettings cassandra, String lateTopic, String weatherLateTopic,
                          String deadLetterTopic, int maxConcurrentWrites) {
        this.kafka = kafka;
        this.cassandra = cassandra;
        this.lateTopic = lateTopic;
        this.weatherLateTopic = weatherLateTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.maxConcurrentWrites = maxConcurrentWrites;
    }

    public static ConnectorSinks from(JobOptions o) {
        if (o.output == JobOptions.Output.discard) {
            return new DiscardingSinks(o.kafka(), o.lateTopic, o.weatherLateTopic, o.deadLetterTopic);
        }
        return new ConnectorSinks(o.kafka(), o.cassandra(), o.lateTopic, o.weatherLateTopic, o.deadLetterTopic,
                o.cassandraMaxConcurrentWrites);
    }

    @Override
    public void wordCounts(DataStream<WindowedWordCount> counts) {
        // a window's counts come out together at the watermark that fires it: one partition, written in batches
        CassandraUpserts.writeInPartitionBatches(counts, cassandra, maxConcurrentWrites,
                CassandraSchema.WORD_COUNTS_BY_WINDOW,
                List.of(timestamp("window_start", c -> c.windowStart), text("word", c -> c.word),
                        timestamp("window_end", c -> c.windowEnd), bigint("count", c -> c.count)),
                1, 2);
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
        CassandraUpserts.write(observations, cassandra, maxConcurrentWrites, List.of(CassandraSchema.WEATHER_OBSERVATIONS),
                List.of(bigint("city_id", o -> o.cityId), timestamp("observed_at", o -> o.observedAt),
                        text("city", o -> o.city), text("country", o -> o.country), text("local_time", o -> o.localTime),
                        dbl("temp_c", o -> o.tempC), dbl("temp_f", o -> o.tempF), dbl("feels_like_c", o -> o.feelsLikeC),
                        integer("humidity", o -> o.humidity), integer("pressure", o -> o.pressure),
                        dbl("wind_ms", o -> o.windMs), dbl("wind_kmh", o -> o.windKmh), integer("wind_deg", o -> o.windDeg),
                        integer("beaufort", o -> o.beaufort), text("beaufort_name", o -> o.beaufortName),
                        text("compass", o -> o.compass), text("condition", o -> o.condition),
                        text("description", o -> o.description)),
                null);
    }

    @Override
    public void latestWeather(DataStream<Observation> latest) {
        // written with the observation time as the write timestamp: an older reading never wins, even in a replay
        CassandraUpserts.write(latest, cassandra, maxConcurrentWrites, List.of(CassandraSchema.WEATHER_LATEST),
                List.of(bigint("city_id", o -> o.cityId), text("city", o -> o.city), text("country", o -> o.country),
                        dbl("windspeed", o -> o.windMs), timestamp("observed_at", o -> o.observedAt),
                        text("local_time", o -> o.localTime), dbl("temp_c", o -> o.tempC),
                        dbl("feels_like_c", o -> o.feelsLikeC), dbl("wind_kmh", o -> o.windKmh),
                        text("beaufort_name", o -> o.beaufortName), text("compass", o -> o.compass),
                        text("condition", o -> o.condition)),
                o -> o.observedAt * 1000);
    }

    @Override
    public void weatherWindows(DataStream<CityWindowSummary> windows) {
        CassandraUpserts.write(windows, cassandra, maxConcurrentWrites, List.of(CassandraSchema.WEATHER_WINDOWS),
                List.of(bigint("city_id", s -> s.cityId), timestamp("window_start", s -> s.windowStart),
                        timestamp("window_end", s -> s.windowEnd), text("city", s -> s.city),
                        bigint("readings", s -> s.readings), dbl("min_temp_c", s -> s.minTempC),
                        dbl("max_temp_c", s -> s.maxTempC), dbl("avg_temp_c", s -> s.avgTempC),
                        dbl("max_wind_kmh", s -> s.maxWindKmh), text("top_condition", s -> s.topCondition)),
                null);
    }

    @Override
    public void lateWeather(DataStream<Observation> late) {
        late.sinkTo(KafkaSinks.json(kafka, weatherLateTopic, (Observation o) -> Long.toString(o.cityId)))
                .name("Kafka: " + weatherLateTopic).uid("kafka-late-weather-sink");
    }
}
