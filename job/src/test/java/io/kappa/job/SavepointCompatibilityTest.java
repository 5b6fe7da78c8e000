package io.kappa.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import io.kappa.testing.CollectingSinks;
import io.kappa.testing.RestorableSources;
import io.kappa.testing.WeatherDocs;
import io.kappa.weather.CityWindowSummary;
import io.kappa.weather.Observation;
import io.kappa.words.LateWord;
import io.kappa.words.WindowedWordCount;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.RestoreMode;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades keep state: a savepoint taken by the current release, committed under
 * {@code src/test/resources/savepoints/0.1.0-live/}, must restore into the job as it is now, and the job resumed from it
 * must give the same rows and side outputs as one run that was never stopped.
 *
 * <p>The fixture is a savepoint of the real topology ({@link KappaJob#build} with the options of a live job: words and
 * weather, event time, checkpoints), on a MiniCluster at parallelism {@value #PARALLELISM}, fed by
 * {@link RestorableSources} (FLIP-27 sources, one split per partition, the split's offset in the savepoint; the Kafka
 * sources' uids) and writing to in-memory sinks. It was taken with stop-with-savepoint without --drain after the first
 * part of a fixed input ({@link #input}, a few hundred records over 2 partitions of each topic), at a point where
 * word-count and weather windows are open (records whose windows have not fired) and others have fired but are still
 * within the allowed lateness, so that what the restored job emits depends on every operator's state: the sources'
 * offsets, both partition clocks (the first record of each partition after the savepoint is too late only by the
 * restored clock), the word counts, the latest reading per city and the weather windows.
 *
 * <p>To make the fixture again (only when the job's state is meant to change incompatibly, as a new release, or when the
 * input below changes; see docs/operations.md, Upgrades), from the repository root:
 *
 * <pre>
 * mvn -B -o test -pl job -Dtest=SavepointCompatibilityTest#writeFixture -Dkappa.writeFixture=true
 * </pre>
 *
 * It replaces {@code job/src/test/resources/savepoints/0.1.0-live/} (the savepoint: {@code _metadata}, plus state files
 * if any state were larger than Flink's inline threshold) and {@code savepoints/0.1.0-live.properties} (what the input
 * and the cluster were, checked by the test before it restores). A fixture for a new release would go beside it under a
 * new name ({@code -Dkappa.fixtureName=...}); this test reads {@value #FIXTURE}.
 */
class SavepointCompatibilityTest {
    static final String FIXTURE = "0.1.0-live";
    static final int PARALLELISM = 2;
    private static final String RESOURCES = "src/test/resources/savepoints";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(PARALLELISM).build());

    @TempDir
    Path temp;

    // ------------------------------------------------------------------------------------------------------------
    // The input: both parts are fixed. Changing them requires a new fixture (the test checks their fingerprint).

    static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli(); // a minute and an hour boundary
    private static final String[] VOCABULARY = {"kappa", "lambda", "stream", "batch", "window", "watermark", "state",
            "savepoint", "upgrade", "replay", "live", "kafka", "flink", "cassandra", "word", "count", "late", "city",
            "wind", "rain"};
    /** Weather cities (bundled ids) by partition. */
    private static final long[][] CITIES = {{2643743, 2950159, 3169070}, {2988507, 3117735, 2761369}};
    private static final String[] CONDITIONS = {"Clear", "Clouds", "Rain", "Drizzle"};

    /** The records of one topic, per partition: those read before the savepoint, and those after. */
    record Parts(List<List<RawRecord>> before, List<List<RawRecord>> after) {
        List<RawRecord> beforeSavepoint() {
            return before.stream().flatMap(List::stream).collect(Collectors.toList());
        }

        List<RawRecord> whole() {
            List<RawRecord> all = new ArrayList<>();
            for (int p = 0; p < before.size(); p++) {
                all.addAll(before.get(p));
                all.addAll(after.get(p));
            }
            return all;
        }
    }

    record Input(Parts words, Parts weather) {
        int beforeSavepoint() {
            return words.beforeSavepoint().size() + weather.beforeSavepoint().size();
        }

        int whole() {
            return words.whole().size() + weather.whole().size();
        }
    }

    /**
     * Words: a line every 12 s per partition (every line moves the watermark by more than the generator's 10 s step, so
     * where the watermark stands at the savepoint does not depend on timing), 60 lines before the savepoint (12 minutes:
     * the window of minute 11 is open, the one of minute 10 has fired and is within the allowed lateness), 40 after; an
     * out-of-order line, a too-late line and an undecodable record in each part. After the savepoint each partition
     * starts with a line too late by its restored partition clock (minute 1), then one for the fired window of minute 10.
     *
     * <p>Weather: three cities per partition, a reading every 10 minutes, 3 hours before the savepoint and 2 after, plus
     * one reading at 3h00m30s so that the window of hour 2 has fired at the savepoint and the one of hour 3 is open; a
     * malformed document and a duplicate. After the savepoint each partition starts with a reading too late for its
     * window (hour 1, older than its city's latest), then one for the fired window of hour 2.
     */
    static Input input() {
        List<List<RawRecord>> wordsBefore = new ArrayList<>();
        List<List<RawRecord>> wordsAfter = new ArrayList<>();
        Random random = new Random(2026);
        for (int p = 0; p < 2; p++) {
            List<RawRecord> before = new ArrayList<>();
            List<RawRecord> after = new ArrayList<>();
            long[] offset = {0};
            for (int i = 0; i < 100; i++) {
                List<RawRecord> part = i < 60 ? before : after;
                long ts = T0 + i * 12_000L + p * 3_000L;
                if (i == 60) {
                    part.add(line(p, offset, T0 + 100_000 + p * 1_000, "late kappa after savepoint"));
                    part.add(line(p, offset, T0 + 650_000 + p * 1_000, "kappa lambda allowed late"));
                }
                part.add(line(p, offset, ts, sentence(random)));
                if (i == 20 || i == 80) {
                    part.add(line(p, offset, ts - 4_000, "out of order " + sentence(random)));
                }
                if (i == 30 || i == 90) {
                    part.add(line(p, offset, T0 + 10_000 + p, "too late window zero"));
                }
                if (i == 40 || i == 85) {
                    part.add(new RawRecord("words", p, offset[0]++, ts, null, new byte[] {(byte) 0xff, (byte) 0xfe}));
                }
            }
            wordsBefore.add(before);
            wordsAfter.add(after);
        }

        List<List<RawRecord>> weatherBefore = new ArrayList<>();
        List<List<RawRecord>> weatherAfter = new ArrayList<>();
        long h0 = T0 / 1000;
        for (int p = 0; p < 2; p++) {
            List<RawRecord> before = new ArrayList<>();
            List<RawRecord> after = new ArrayList<>();
            long[] offset = {0};
            long[] cities = CITIES[p];
            for (int k = 0; k < 30; k++) {
                List<RawRecord> part = k < 18 ? before : after;
                if (k == 18) {
                    part.add(reading(p, offset, cities[1], h0 + 3600 + 300, 1, 99)); // too late: hour 1
                    part.add(reading(p, offset, cities[2], h0 + 2 * 3600 + 3300, 2, 98)); // allowed late: hour 2
                }
                for (int c = 0; c < cities.length; c++) {
                    part.add(reading(p, offset, cities[c], h0 + k * 600L, c, k));
                }
                if (k == 17) {
                    part.add(reading(p, offset, cities[0], h0 + 3 * 3600 + 30, 0, 97)); // hour 2 fires, hour 3 open
                }
                if (k == 12 || k == 24) {
                    part.add(reading(p, offset, cities[1], h0 + (k - 12) * 600L + 300, 1, 96)); // too late: 2 hours old
                }
                if (k == 8) {
                    RawRecord last = part.get(part.size() - 1);
                    part.add(WeatherDocs.record(p, offset[0]++, last.timestamp,
                            new String(last.value, StandardCharsets.UTF_8))); // delivered twice
                }
                if (k == 5 || k == 25) {
                    part.add(WeatherDocs.record(p, offset[0]++, (h0 + k * 600L) * 1000, "{not json"));
                }
            }
            weatherBefore.add(before);
            weatherAfter.add(after);
        }
        return new Input(new Parts(wordsBefore, wordsAfter), new Parts(weatherBefore, weatherAfter));
    }

    private static String sentence(Random random) {
        int n = 3 + random.nextInt(4);
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < n; w++) {
            s.append(w == 0 ? "" : w % 3 == 0 ? ", " : " ").append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
        }
        return s.append('.').toString();
    }

    private static RawRecord line(int partition, long[] offset, long ts, String text) {
        return new RawRecord("words", partition, offset[0]++, ts, null, text.getBytes(StandardCharsets.UTF_8));
    }

    private static RawRecord reading(int partition, long[] offset, long cityId, long dt, int c, int k) {
        String json = WeatherDocs.json(cityId, dt, 275.15 + 3 * c + (k % 7) * 0.5, 60 + k % 30, 1 + (k + c) % 9,
                (k * 37 + c * 50) % 360, CONDITIONS[(k + c) % CONDITIONS.length]);
        return WeatherDocs.record(partition, offset[0]++, dt * 1000 + 1_000, json);
    }

    /** What identifies the input: both parts' records, in order. */
    static String fingerprint(Input input) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Parts parts : List.of(input.words(), input.weather())) {
            for (List<List<RawRecord>> side : List.of(parts.before(), parts.after())) {
                for (List<RawRecord> partition : side) {
                    sha.update(("partition " + partition.size() + "\n").getBytes(StandardCharsets.UTF_8));
                    for (RawRecord r : partition) {
                        sha.update(render(r).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Running the job

    /** A live job's options (words and weather), as a user starts it, with checkpoints every second. */
    static JobOptions options() {
        return UidsArePinnedTest.live("--checkpoint-interval", "1s");
    }

    private static StreamExecutionEnvironment environment(String restoreFrom) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a state that cannot be restored fails at once
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
            conf.set(StateRecoveryOptions.RESTORE_MODE, RestoreMode.NO_CLAIM); // never touch the fixture's files
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        return env;
    }

    /** What a run to the end of the input emitted, and how many records its sources read. */
    record Finished(Outputs emitted, long recordsRead) {}

    /** The job over the whole input, to its end, from a savepoint or from the start. */
    private static Finished runToTheEnd(Input input, String restoreFrom) throws Exception {
        StreamExecutionEnvironment env = environment(restoreFrom);
        RestorableSources sources = RestorableSources.bounded(input.words().whole(), input.weather().whole());
        CollectingSinks sinks = new CollectingSinks();
        KappaJob.build(env, options(), sources, sinks);
        assertThat(KappaJob.restoring(env)).as("the job restores from " + restoreFrom).isEqualTo(restoreFrom != null);
        env.execute(restoreFrom == null ? "uninterrupted" : "resumed from " + restoreFrom);
        return new Finished(Outputs.of(sinks), sources.emitted());
    }

    /** What a run before the savepoint emitted, and where the savepoint is. */
    record Stopped(Outputs emitted, String savepoint) {}

    /**
     * The job over the part of the input before the savepoint: once every record of it has been read, it is stopped with
     * a savepoint, without --drain (a drained savepoint is refused on resume: CountWordsPerWindow.DRAINED_SAVEPOINT).
     */
    static Stopped runAndStopWithSavepoint(Input input, Path savepointDir) throws Exception {
        StreamExecutionEnvironment env = environment(null);
        RestorableSources sources = RestorableSources.paused(input.words().beforeSavepoint(),
                input.weather().beforeSavepoint());
        CollectingSinks sinks = new CollectingSinks();
        KappaJob.build(env, options(), sources, sinks);
        JobClient job = env.executeAsync("before the savepoint");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (sources.emitted() < input.beforeSavepoint()) {
            if (job.getJobStatus().get().isGloballyTerminalState() || System.nanoTime() > deadline) {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS); // throws the failure, if any
                fail("the job ended or stalled before reading its input: " + sources.emitted() + " of "
                        + input.beforeSavepoint() + " records");
            }
            Thread.sleep(20);
        }
        String savepoint = job.stopWithSavepoint(false, savepointDir.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        assertThat(sources.emitted()).isEqualTo(input.beforeSavepoint());
        return new Stopped(Outputs.of(sinks), savepoint);
    }

    // ------------------------------------------------------------------------------------------------------------
    // The outputs, and what a reader of the tables and topics sees of them

    record Outputs(List<WindowedWordCount> counts, List<LateWord> lateWords, List<DeadLetter> deadLetters,
                   List<Observation> observations, List<Observation> latest, List<CityWindowSummary> weatherWindows,
                   List<Observation> lateWeather) {
        static Outputs of(CollectingSinks s) {
            return new Outputs(s.counts(), s.late(), s.deadLetters(), s.observations(), s.latest(), s.weatherWindows(),
                    s.lateWeather());
        }

        /** These outputs, then those of the run resumed from their savepoint. */
        Outputs then(Outputs after) {
            return new Outputs(concat(counts, after.counts), concat(lateWords, after.lateWords),
                    concat(deadLetters, after.deadLetters), concat(observations, after.observations),
                    concat(latest, after.latest), concat(weatherWindows, after.weatherWindows),
                    concat(lateWeather, after.lateWeather));
        }

        /** word_counts_by_window: the last row written per (window, word). */
        Map<String, Long> wordCountTable() {
            Map<String, Long> table = new TreeMap<>();
            counts.forEach(c -> table.put(Instant.ofEpochMilli(c.windowStart) + " " + c.word, c.count));
            return table;
        }

        /** weather_windows_by_city: the last summary written per (city, window). */
        Map<String, String> weatherWindowTable() {
            return lastPerKey(weatherWindows, w -> w.cityId + " " + Instant.ofEpochMilli(w.windowStart));
        }

        /** weather_latest_by_city: the last reading written per city. */
        Map<String, String> latestTable() {
            return lastPerKey(latest, o -> Long.toString(o.cityId));
        }

        private static <T> Map<String, String> lastPerKey(List<T> rows, Function<T, String> key) {
            Map<String, String> table = new TreeMap<>();
            rows.forEach(r -> table.put(key.apply(r), render(r)));
            return table;
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            List<T> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    /** Every public field, by name, recursively; bytes as Base64. */
    static String render(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (o instanceof CharSequence || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>
                || o.getClass().getName().startsWith("java.")) {
            return String.valueOf(o);
        }
        Map<String, String> fields = new TreeMap<>();
        for (Field f : o.getClass().getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                try {
                    fields.put(f.getName(), render(f.get(o)));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return o.getClass().getSimpleName() + fields;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The fixture

    static Path fixtureDirectory() throws URISyntaxException {
        URL metadata = SavepointCompatibilityTest.class.getResource("/savepoints/" + FIXTURE + "/_metadata");
        assertThat(metadata).as("the savepoint fixture savepoints/%s/_metadata on the test classpath; make it with "
                + "-Dtest=SavepointCompatibilityTest#writeFixture -Dkappa.writeFixture=true", FIXTURE).isNotNull();
        return Path.of(metadata.toURI()).getParent();
    }

    static Properties fixtureProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = SavepointCompatibilityTest.class.getResourceAsStream("/savepoints/" + FIXTURE + ".properties")) {
            assertThat(in).as("savepoints/%s.properties on the test classpath", FIXTURE).isNotNull();
            p.load(in);
        }
        return p;
    }

    /** The operators a savepoint holds state for. */
    static Set<OperatorID> operatorsWithState(Path savepointDir) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(savepointDir.resolve("_metadata")))) {
            CheckpointMetadata metadata = Checkpoints.loadCheckpointMetadata(in,
                    SavepointCompatibilityTest.class.getClassLoader(), savepointDir.toString());
            Set<OperatorID> withState = new java.util.HashSet<>();
            for (OperatorState state : metadata.getOperatorStates()) {
                if (state.getCoordinatorState() != null
                        || state.getStates().stream().anyMatch(OperatorSubtaskState::hasState)) {
                    withState.add(state.getOperatorID());
                }
            }
            return withState;
        }
    }

    /** The uids of the operators a savepoint holds state for, as the job with the tests' sources and sinks has them. */
    static Set<String> uidsWithState(Path savepointDir) throws IOException {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KappaJob.build(env, options(), RestorableSources.bounded(List.of(), List.of()), new CollectingSinks());
        Map<OperatorID, StatefulOperators.Operator> byId = new HashMap<>();
        for (StatefulOperators.Operator o : StatefulOperators.of(env.getStreamGraph(false))) {
            byId.put(o.operatorId(), o);
        }
        Set<String> uids = new TreeSet<>();
        for (OperatorID id : operatorsWithState(savepointDir)) {
            StatefulOperators.Operator o = byId.get(id);
            uids.add(o == null ? "<an operator this job does not have (a uid changed or an operator removed): " + id + ">"
                    : o.uid() == null ? "<no uid: " + o.name() + ">" : o.uid());
        }
        return uids;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The tests

    /** The input of this test must be the one the fixture was taken with. */
    private static Input fixtureInput() throws Exception {
        Properties fixture = fixtureProperties();
        Input input = input();
        assertThat(fingerprint(input)).as("the input of this test must be the one savepoints/%s was taken with "
                + "(input.sha256 in savepoints/%s.properties); if it was changed on purpose, make the fixture again: %s",
                FIXTURE, FIXTURE, fixture.getProperty("made-by"))
                .isEqualTo(fixture.getProperty("input.sha256"));
        assertThat(PARALLELISM).as("the parallelism the fixture was taken at")
                .isEqualTo(Integer.parseInt(fixture.getProperty("parallelism")));
        return input;
    }

    @Test
    void theFixtureWasTakenFromThisInputAndHoldsTheStateOfEveryStatefulOperator() throws Exception {
        fixtureInput();
        assertThat(uidsWithState(fixtureDirectory()))
                .as("the operators with state in savepoints/%s: every stateful operator of the job between sources and "
                        + "sinks (UidsArePinnedTest), and none other. %s", FIXTURE, UidsArePinnedTest.SEE_DOCS)
                .isEqualTo(UidsArePinnedTest.pinnedBetweenSourcesAndSinks());
    }

    @Test
    void resumedFromTheCommittedSavepointTheJobGivesWhatAnUninterruptedRunGives() throws Exception {
        Input input = fixtureInput();
        Path fixture = fixtureDirectory();

        // what the run that took the fixture emitted before it: the same job over the same first part, stopped the same
        // way (where the watermarks stand at the savepoint depends only on the records: see input())
        Stopped before = runAndStopWithSavepoint(input, temp.resolve("fresh"));

        Finished resumedRun;
        try {
            resumedRun = runToTheEnd(input, fixture.toUri().toString());
        } catch (Exception e) {
            throw new AssertionError("The job cannot resume from the savepoint of release " + FIXTURE + " ("
                    + fixture + "): " + rootCause(e) + "\nA changed uid, state name or state type (its serializer) "
                    + "makes a savepoint unusable. " + UidsArePinnedTest.SEE_DOCS, e);
        }
        Outputs after = resumedRun.emitted();
        assertThat(resumedRun.recordsRead())
                .as("the resumed job reads on from the offsets in the savepoint, not from the start")
                .isEqualTo(input.whole() - input.beforeSavepoint());

        Outputs uninterrupted = runToTheEnd(input, null).emitted();
        Outputs resumed = before.emitted().then(after);
        List<String> differences = new ArrayList<>();
        differences.addAll(tableDifferences("word_counts_by_window", resumed.wordCountTable(),
                uninterrupted.wordCountTable()));
        differences.addAll(multisetDifferences("late words", resumed.lateWords(), uninterrupted.lateWords()));
        differences.addAll(multisetDifferences("dead letters", resumed.deadLetters(), uninterrupted.deadLetters()));
        differences.addAll(multisetDifferences("weather observations", resumed.observations(),
                uninterrupted.observations()));
        differences.addAll(multisetDifferences("latest weather (every row written)", resumed.latest(),
                uninterrupted.latest()));
        differences.addAll(tableDifferences("weather_latest_by_city", resumed.latestTable(), uninterrupted.latestTable()));
        differences.addAll(tableDifferences("weather_windows_by_city", resumed.weatherWindowTable(),
                uninterrupted.weatherWindowTable()));
        differences.addAll(multisetDifferences("late weather", resumed.lateWeather(), uninterrupted.lateWeather()));
        assertThat(differences)
                .withFailMessage("The job resumed from the savepoint of release %s does not give what one uninterrupted "
                        + "run gives (rows before the savepoint, then rows after the resume, vs. the uninterrupted run): "
                        + "some state was not restored (a renamed state, a state read differently, a lost uid).\n  %s%s\n%s",
                        FIXTURE, differences.stream().limit(30).collect(Collectors.joining("\n  ")),
                        differences.size() > 30 ? "\n  ... " + (differences.size() - 30) + " more" : "",
                        UidsArePinnedTest.SEE_DOCS)
                .isEmpty();

        // what UidsArePinnedTest decides from the graph, checked against a real savepoint of the job as it is now
        assertThat(uidsWithState(Path.of(java.net.URI.create(before.savepoint()))))
                .as("every operator with state in a savepoint of the job as it is now has a pinned uid. %s",
                        UidsArePinnedTest.SEE_DOCS)
                .isSubsetOf(UidsArePinnedTest.pinned());

        // the input does what it is for: every kind of row and side output on both sides of the savepoint, and after
        // it rows that only the restored state gives
        for (Outputs o : List.of(before.emitted(), after)) {
            assertThat(o.counts()).isNotEmpty();
            assertThat(o.lateWords()).isNotEmpty();
            assertThat(o.deadLetters()).isNotEmpty();
            assertThat(o.observations()).isNotEmpty();
            assertThat(o.latest()).isNotEmpty();
            assertThat(o.weatherWindows()).isNotEmpty();
            assertThat(o.lateWeather()).isNotEmpty();
        }
        assertThat(after.lateWords()).as("too late by the restored partition clocks")
                .anySatisfy(l -> assertThat(l.timestamp).isEqualTo(T0 + 100_000))
                .anySatisfy(l -> assertThat(l.timestamp).isEqualTo(T0 + 101_000));
        assertThat(after.counts()).as("the window of minute 10 fired before the savepoint, updated after it")
                .anySatisfy(c -> assertThat(c.windowStart).isEqualTo(T0 + 600_000));
        assertThat(after.weatherWindows()).as("the hour-2 windows fired before the savepoint, their readings restored")
                .anySatisfy(w -> assertThat(w.cityId + "@" + w.windowStart + " n=" + w.readings)
                        .isEqualTo(CITIES[0][2] + "@" + (T0 + 2 * 3_600_000) + " n=7"))
                .anySatisfy(w -> assertThat(w.cityId + "@" + w.windowStart + " n=" + w.readings)
                        .isEqualTo(CITIES[1][2] + "@" + (T0 + 2 * 3_600_000) + " n=7"));
    }

    /** The rows of a table that differ: "table key: resumed value ≠ uninterrupted value". */
    static <V> List<String> tableDifferences(String table, Map<String, V> resumed, Map<String, V> uninterrupted) {
        List<String> differences = new ArrayList<>();
        Set<String> keys = new TreeSet<>(resumed.keySet());
        keys.addAll(uninterrupted.keySet());
        for (String key : keys) {
            V r = resumed.get(key);
            V u = uninterrupted.get(key);
            if (!java.util.Objects.equals(r, u)) {
                differences.add(table + " " + key + ": resumed " + (r == null ? "(no row)" : r) + ", uninterrupted "
                        + (u == null ? "(no row)" : u));
            }
        }
        return differences;
    }

    /** The records of an output that one side has more often than the other. */
    static List<String> multisetDifferences(String output, List<?> resumed, List<?> uninterrupted) {
        Map<String, Integer> count = new TreeMap<>();
        resumed.forEach(r -> count.merge(render(r), 1, Integer::sum));
        uninterrupted.forEach(u -> count.merge(render(u), -1, Integer::sum));
        List<String> differences = new ArrayList<>();
        count.forEach((record, n) -> {
            if (n != 0) {
                differences.add(output + ": " + (n > 0 ? n + " more" : -n + " fewer") + " after the resume: " + record);
            }
        });
        return differences;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Makes the fixture: see the class javadoc. Writes into {@code src/test/resources/savepoints} of this module (the
     * source tree, not target/).
     */
    @Test
    @EnabledIfSystemProperty(named = "kappa.writeFixture", matches = "true")
    void writeFixture() throws Exception {
        String name = System.getProperty("kappa.fixtureName", FIXTURE);
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path resources = module.resolve(RESOURCES);
        assertThat(module.resolve("src/test/java/io/kappa/job")).as("run from the job module (mvn -pl job)")
                .isDirectory();

        Input input = input();
        Stopped stopped = runAndStopWithSavepoint(input, temp.resolve("savepoints"));
        Path savepoint = Path.of(java.net.URI.create(stopped.savepoint()));
        assertThat(uidsWithState(savepoint)).as("the new fixture holds state for every stateful operator")
                .isEqualTo(UidsArePinnedTest.pinnedBetweenSourcesAndSinks());

        Path target = resources.resolve(name);
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(savepoint)) {
            for (Path f : files.collect(Collectors.toList())) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        Map<String, String> p = new TreeMap<>();
        p.put("made-by", "mvn -B -o test -pl job -Dtest=SavepointCompatibilityTest#writeFixture -Dkappa.writeFixture=true");
        p.put("flink.version", EnvironmentInformation.getVersion());
        p.put("parallelism", Integer.toString(PARALLELISM));
        p.put("input.sha256", fingerprint(input));
        p.put("input.records.before-savepoint", Integer.toString(input.beforeSavepoint()));
        p.put("input.records.whole", Integer.toString(input.whole()));
        p.put("job.options", String.join(" ", options().toArgs()));
        List<String> lines = new ArrayList<>();
        lines.add("# savepoints/" + name + ": what SavepointCompatibilityTest's fixture was taken with");
        p.forEach((k, v) -> lines.add(k + "=" + v));
        Files.write(resources.resolve(name + ".properties"), lines, StandardCharsets.UTF_8);
        System.out.println("wrote " + target + " and " + resources.resolve(name + ".properties"));
    }
}
