package io.kappa.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.core.RawRecord;
import io.kappa.testing.CollectingSinks;
import io.kappa.testing.InMemorySources;
import io.kappa.testing.WeatherDocs;
import io.kappa.weather.Observation;
import io.kappa.words.WindowedWordCount;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live and replay are one code path: {@link KappaJob#build} with the mode's own runtime settings ({@link RunMode}),
 * fed the same records in memory, writes the same tables in live (STREAMING, checkpointed), replay in STREAMING and
 * replay in BATCH.
 */
class OneCodePathTest {
    private static final long MIN = 60_000;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    /** What the upserting tables hold after a run: the last value per key. */
    record Tables(Map<String, Long> words, Map<String, String> latest, Map<String, String> windows, int deadLetters) {}

    private static Tables run(JobArgs args, List<RawRecord> words, List<RawRecord> weather) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CollectingSinks sinks = new CollectingSinks();
        KappaJob.build(env, args.parse(), new InMemorySources(words, weather), sinks);
        env.execute("one code path");
        Map<String, Long> counts = new TreeMap<>();
        for (WindowedWordCount c : sinks.counts()) {
            counts.merge(c.windowStart / MIN + "/" + c.word, c.count, Math::max);
        }
        Map<String, String> latest = new TreeMap<>();
        for (Observation o : sinks.latest()) {
            latest.merge(Long.toString(o.cityId), o.observedAt + " " + o.tempC, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        Map<String, String> windows = new TreeMap<>();
        sinks.weatherWindows().forEach(s -> windows.put(s.cityId + "@" + s.windowStart, s.toString()));
        return new Tables(counts, latest, windows, sinks.deadLetters().size());
    }

    @Test
    void liveReplayStreamingAndReplayBatchWriteTheSameTables() throws Exception {
        Random random = new Random(11);
        List<RawRecord> words = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < 5; w++) {
                line.append("w").append(random.nextInt(40)).append(' ');
            }
            long ts = i * 100L + (random.nextInt(10) == 0 ? -2_000 : 0); // some out of order within the bound
            words.add(new RawRecord("words", 0, i, Math.max(0, ts), null, line.toString().getBytes(StandardCharsets.UTF_8)));
        }
        words.add(new RawRecord("words", 0, 3000, 400_000, null, new byte[] {(byte) 0xff}));
        long h = 1_763_798_400L;
        List<RawRecord> weather = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            weather.add(WeatherDocs.record(i, WeatherDocs.json(i % 2 == 0 ? WeatherDocs.LONDON : WeatherDocs.PARIS,
                    h + i * 600, 280 + i, 60, 4, 200, "Clouds")));
        }
        JobArgs common = JobArgs.live().window(Duration.ofMinutes(1)).outOfOrderness(Duration.ofSeconds(5))
                .idleness(Duration.ZERO).weatherWindow(Duration.ofHours(1)).checkpointInterval(Duration.ofMillis(200));

        Tables live = run(common, words, weather);
        Tables replay = run(common.mode(JobOptions.Mode.replay), words, weather);
        Tables batch = run(common.mode(JobOptions.Mode.replay).replayRuntime(JobOptions.ReplayRuntime.batch), words, weather);

        assertThat(live.words().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3000L * 5);
        assertThat(live.latest()).hasSize(2);
        assertThat(live.windows()).hasSize(2 * 4);
        assertThat(live.deadLetters()).isEqualTo(1);
        assertThat(replay).isEqualTo(live);
        assertThat(batch).isEqualTo(live);
    }
}
