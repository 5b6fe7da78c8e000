package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.cassandra.Table;
import io.kappa.cassandra.Tables;
import io.kappa.client.Deadline;
import io.kappa.client.kafka.Produce;
import io.kappa.client.cassandra.WeatherReadings;
import io.kappa.client.generate.WeatherSimulator;
import io.kappa.job.JobOptions;
import io.kappa.kafka.DeadLetterSerializer;
import io.kappa.weather.City;
import io.kappa.weather.CityDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The weather enrichment of the real job against real Kafka and Cassandra: live, replay, bad input, ordering. */
class WeatherIT {
    private static final long HOUR = 3_600_000;

    @RegisterExtension
    @Order(1)
    static final RealStack STACK = RealStack.shared();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    Path tmp;

    /** The job on the w-* topics: hourly weather windows, 10 min lateness, 15 min out of order. */
    private JobOptions options(JobOptions.Mode mode, String keyspace) {
        return STACK.jobArgs("w").mode(mode).keyspace(keyspace).weatherWindow(Duration.ofHours(1))
                .allowedLateness(Duration.ofMinutes(10)).outOfOrderness(Duration.ofMinutes(15)).idleness(Duration.ZERO)
                .checkpointInterval(Duration.ofSeconds(1)).checkpointDir(tmp.resolve("checkpoints").toUri().toString())
                .parse();
    }

    private JobClient start(JobOptions o) throws Exception {
        return RealStack.startJob(o, new org.apache.flink.configuration.Configuration());
    }

    private Map<String, String> table(String keyspace, Table<?> table) {
        try (WeatherReadings w = new WeatherReadings(STACK.connections().cassandra(keyspace, 1))) {
            return w.all(table);
        }
    }

    @Test
    void liveThenReplayGiveIdenticalWeatherTablesBadReadingsAreDeadLettersAndLatestIsNewest() throws Exception {
        STACK.createTopics("w", 2);
        List<City> cities = new ArrayList<>(CityDirectory.bundled().featured(400)).subList(0, 30);
        long start = (System.currentTimeMillis() / HOUR - 6) * HOUR;
        WeatherSimulator.Spec spec = new WeatherSimulator.Spec(cities, start, Duration.ofHours(3), Duration.ofMinutes(10),
                5, 0.05, 0.05, 0.05);
        Produce.WeatherSummary produced = Produce.quietly(STACK.connections().kafka(), "w-weather").simulate(spec);
        long distinctReadings = 30 * 18;
        Map<Long, Long> newest = new HashMap<>();
        cities.forEach(c -> newest.put(c.id(), (start + 3 * HOUR - 600_000) / 1000));

        JobClient live = start(options(JobOptions.Mode.live, "weather_live"));
        Deadline.await("every distinct reading in the observations table", Duration.ofMinutes(2),
                () -> table("weather_live", Tables.WEATHER_OBSERVATIONS).size() == distinctReadings);
        Deadline.await("the newest reading of every city in the latest table", Duration.ofMinutes(1), () -> {
            Map<String, String> latest = table("weather_live", Tables.WEATHER_LATEST);
            return latest.size() == 30 && cities.stream().allMatch(c -> latest.get(Long.toString(c.id()))
                    .contains("observed_at=" + newest.get(c.id()) * 1000 + " "));
        });

        // every malformed record is a dead letter with its reason and source position
        List<ConsumerRecord<byte[], byte[]>> dead = STACK.awaitRecords("w-dead", produced.malformed());
        assertThat(dead).hasSize((int) produced.malformed());
        Map<String, Integer> byReason = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> d : dead) {
            String reason = new String(d.headers().lastHeader(DeadLetterSerializer.REASON).value(), StandardCharsets.UTF_8);
            byReason.merge(reason.replaceAll("-?\\d+(\\.\\d+)?", "#"), 1, Integer::sum);
            assertThat(new String(d.headers().lastHeader(DeadLetterSerializer.SOURCE_TOPIC).value(), StandardCharsets.UTF_8))
                    .isEqualTo("w-weather");
        }
        System.out.println("weather: " + produced.records() + " records in, " + produced.valid() + " valid ("
                + distinctReadings + " distinct), " + produced.malformed() + " rejected: " + byReason);
        assertThat(byReason.keySet()).anyMatch(r -> r.startsWith("not valid JSON"))
                .anyMatch(r -> r.contains("is not a number")).anyMatch(r -> r.startsWith("missing field main"))
                .anyMatch(r -> r.startsWith("main.humidity")).anyMatch(r -> r.startsWith("main.temp"))
                .anyMatch(r -> r.startsWith("unknown city id"));

        RealStack.await(live.stopWithSavepoint(true, tmp.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL), "the live job to stop with a savepoint", Duration.ofMinutes(2));
        Deadline.await("three hourly summaries per city", Duration.ofMinutes(1),
                () -> table("weather_live", Tables.WEATHER_WINDOWS).size() == 30 * 3);
        Map<String, String> windows = table("weather_live", Tables.WEATHER_WINDOWS);
        assertThat(windows.values()).allMatch(v -> v.contains("readings=6 "));

        RealStack.runJob(options(JobOptions.Mode.replay, "weather_replay"));
        for (Table<?> t : List.of(Tables.WEATHER_OBSERVATIONS, Tables.WEATHER_WINDOWS, Tables.WEATHER_LATEST)) {
            assertThat(table("weather_replay", t)).as(t.name()).isEqualTo(table("weather_live", t));
        }
    }
}
