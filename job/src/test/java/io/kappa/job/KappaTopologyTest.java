package io.kappa.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.core.RawRecord;
import io.kappa.testing.CollectingSinks;
import io.kappa.testing.InMemorySources;
import io.kappa.testing.WeatherDocs;
import io.kappa.weather.CityDirectory;
import io.kappa.weather.WeatherPipeline;
import io.kappa.words.LateWord;
import io.kappa.words.WindowedWordCount;
import io.kappa.words.WordCountPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared topology on a MiniCluster with in-memory records in and collections out. */
class KappaTopologyTest {
    private static final long MIN = 60_000;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final KappaTopology.EventTime EVENT_TIME = new KappaTopology.EventTime(Duration.ofSeconds(5), Duration.ZERO);
    private static final WordCountPipeline.Settings WORDS =
            new WordCountPipeline.Settings(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(5), 1024, 512);

    private static RawRecord line(long offset, long ts, String text) {
        return bytes(offset, ts, text.getBytes(StandardCharsets.UTF_8));
    }

    private static RawRecord bytes(long offset, long ts, byte[] value) {
        return new RawRecord("words", 0, offset, ts, null, value);
    }

    private static CollectingSinks run(List<RawRecord> records, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.getConfig().disableGenericTypes(); // the hot types must not fall back to Kryo
        CollectingSinks sinks = new CollectingSinks();
        KappaTopology.build(env, new InMemorySources(records), sinks, new KappaTopology.Settings(EVENT_TIME, WORDS, null));
        env.execute("topology test");
        return sinks;
    }

    /** Last emitted count per (window, word): what an upserting table holds. */
    private static Map<String, Long> table(List<WindowedWordCount> counts) {
        return counts.stream().collect(Collectors.toMap(c -> c.windowStart / MIN + "/" + c.word, c -> c.count,
                (a, b) -> Math.max(a, b), java.util.TreeMap::new));
    }

    @Test
    void countsWordsPerEventTimeWindowAtParallelismTwo() throws Exception {
        List<RawRecord> records = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < 300; i++) {
            long ts = i * 1_000L; // five minutes of data, one line a second
            records.add(line(offset++, ts, "The quick fox, the lazy dog. " + (i % 2 == 0 ? "Even" : "odd")));
        }
        CollectingSinks sinks = run(records, 2);
        Map<String, Long> table = table(sinks.counts());
        for (int w = 0; w < 5; w++) {
            assertThat(table).containsEntry(w + "/the", 120L).containsEntry(w + "/fox", 60L)
                    .containsEntry(w + "/even", 30L).containsEntry(w + "/odd", 30L);
        }
        assertThat(table).hasSize(5 * 7); // the quick fox lazy dog even odd
        assertThat(sinks.late()).isEmpty();
        assertThat(sinks.deadLetters()).isEmpty();
    }

    @Test
    void lateRecordsUpdateRowsTooLateOnesGoToTheSideOutputBadOnesToDeadLetters() throws Exception {
        List<RawRecord> records = List.of(
                line(0, 10_000, "alpha beta"),
                line(1, MIN + 30_000, "gamma"),       // watermark ~ 1:25: window 0 fired
                line(2, 20_000, "alpha"),             // allowed-late: window 0 re-emitted with alpha=2
                line(3, 3 * MIN, "delta"),            // watermark ~ 2:55: window 0 closed for good
                line(4, 30_000, "alpha omega"),       // too late
                bytes(5, 3 * MIN, new byte[] {(byte) 0xff, (byte) 0xfe}),
                bytes(6, 3 * MIN, null),
                bytes(7, 3 * MIN, new byte[2048]),
                line(8, 3 * MIN, ""));
        CollectingSinks sinks = run(records, 1);

        assertThat(sinks.counts()).containsExactly(
                new WindowedWordCount(0, MIN, "alpha", 1),
                new WindowedWordCount(0, MIN, "beta", 1),
                new WindowedWordCount(0, MIN, "alpha", 2),
                new WindowedWordCount(MIN, 2 * MIN, "gamma", 1),
                new WindowedWordCount(3 * MIN, 4 * MIN, "delta", 1));
        assertThat(sinks.late()).extracting(l -> l.word + "@" + l.timestamp + " in " + l.windowStart)
                .containsExactlyInAnyOrder("alpha@30000 in 0", "omega@30000 in 0");
        assertThat(sinks.late()).allSatisfy(l -> assertThat(l.watermark).isGreaterThanOrEqualTo(2 * MIN));
        assertThat(sinks.deadLetters()).extracting(d -> d.record.offset).containsExactly(5L, 6L, 7L);
    }

    @Test
    void sameInputGivesSameRowsWhateverTheParallelism() throws Exception {
        List<RawRecord> records = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                text.append("w").append(random.nextInt(50)).append(' ');
            }
            records.add(line(i, i * 200L, text.toString()));
        }
        Map<String, Long> one = table(run(records, 1).counts());
        Map<String, Long> two = table(run(records, 2).counts());
        assertThat(two).isEqualTo(one);
        assertThat(one.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2000L * 6);
    }

    @Test
    void weatherIsEnrichedSummarisedPerCityWindowAndKeptLatestPerCity() throws Exception {
        long h = 1_763_798_400L; // an hour boundary, epoch seconds
        List<RawRecord> weather = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < 6; i++) { // London every 10 minutes of the first hour, 10..15 °C
            weather.add(WeatherDocs.record(offset++, WeatherDocs.json(WeatherDocs.LONDON, h + i * 600, 283.15 + i, 70, 3, 90, "Clouds")));
        }
        weather.add(WeatherDocs.record(offset++, WeatherDocs.json(WeatherDocs.PARIS, h + 1800, 290.15, 50, 9, 180, "Clear")));
        weather.add(WeatherDocs.record(offset++, WeatherDocs.json(WeatherDocs.LONDON, h + 3600 + 1200, 280.15, 70, 3, 90, "Rain")));
        weather.add(WeatherDocs.record(offset++, WeatherDocs.json(WeatherDocs.LONDON, h + 3600 + 600, 281.15, 70, 3, 90, "Rain"))); // out of order
        weather.add(WeatherDocs.record(offset++, "{not json"));
        weather.add(WeatherDocs.record(offset++, WeatherDocs.json(WeatherDocs.LONDON, h + 2 * 3600 + 3000, 279.15, 70, 3, 90, "Rain")));
        weather.add(WeatherDocs.record(offset++, WeatherDocs.json(WeatherDocs.LONDON, h + 300, 300.15, 70, 3, 90, "Clear"))); // too late
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().disableGenericTypes();
        CollectingSinks sinks = new CollectingSinks();
        WeatherPipeline.Settings ws = new WeatherPipeline.Settings(CityDirectory.bundled(), Duration.ofHours(1),
                Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ZERO, 65_536, Duration.ofHours(1), Long.MIN_VALUE);
        KappaTopology.build(env, new InMemorySources(List.of(line(0, 0, "x")), weather), sinks, new KappaTopology.Settings(EVENT_TIME, WORDS, ws));
        env.execute("weather topology test");

        assertThat(sinks.observations()).hasSize(11);
        assertThat(sinks.deadLetters()).extracting(d -> d.reason).singleElement().asString().startsWith("not valid JSON");
        assertThat(sinks.latest()).extracting(o -> o.city + "@" + (o.observedAt / 1000 - h))
                .containsExactly("London@0", "London@600", "London@1200", "London@1800", "London@2400", "London@3000",
                        "Paris@1800", "London@4800", "London@10200"); // 4200 (after 4800) and 300 (too late) are older
        assertThat(sinks.weatherWindows()).extracting(s -> s.city + "@" + (s.windowStart / 1000 - h) + " n=" + s.readings
                        + " " + s.minTempC + ".." + s.maxTempC + " avg " + s.avgTempC + " " + s.topCondition)
                .containsExactlyInAnyOrder("London@0 n=6 10.0..15.0 avg 12.5 Clouds", "Paris@0 n=1 17.0..17.0 avg 17.0 Clear",
                        "London@3600 n=2 7.0..8.0 avg 7.5 Rain", "London@7200 n=1 6.0..6.0 avg 6.0 Rain");
        assertThat(sinks.lateWeather()).extracting(o -> o.observedAt / 1000 - h).containsExactly(300L);
    }

    @Test
    void lateWordTypeIsAPojo() {
        // the late topic is written as JSON from public fields
        assertThat(org.apache.flink.api.common.typeinfo.TypeInformation.of(LateWord.class))
                .isInstanceOf(org.apache.flink.api.java.typeutils.PojoTypeInfo.class);
    }
}
