package io.kappa.cli;

import io.kappa.cassandra.Table;
import io.kappa.cassandra.Tables;
import io.kappa.client.Deadline;
import io.kappa.client.cassandra.Diff;
import io.kappa.client.flink.FlinkRest;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.cassandra.Keyspaces;
import io.kappa.client.kafka.Produce;
import io.kappa.client.kafka.RecordFormat;
import io.kappa.client.kafka.RecordSender;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.kafka.TopicReader;
import io.kappa.client.kafka.Topics;
import io.kappa.client.cassandra.WeatherReadings;
import io.kappa.client.generate.WeatherSimulator;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.job.JobArgs;
import io.kappa.job.JobNames;
import io.kappa.job.JobOptions;
import io.kappa.kafka.KafkaReplication;
import io.kappa.stack.FlinkCli;
import io.kappa.stack.LocalStack;
import io.kappa.stack.StackConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole story on the local stack: up, topics and schema, sample text, the live job, results, a replay
 * from offset zero into a second keyspace, and the proof that both agree. Uses its own topics (demo-*) and
 * keyspaces (demo_live, demo_replay), reset at the start, so it can be run again and leaves the job's
 * default topics and keyspace alone.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demo end to end on the local stack (starts it if needed); leaves the live job running.")
public class DemoCommand implements Callable<Integer> {
    /** The demo's jobs run at the session cluster's default parallelism (flink-conf/config.yaml). */
    static final int DEMO_PARALLELISM = 2;

    static final String WORDS = "demo-words";
    static final String WEATHER = "demo-weather";
    static final String LIVE_KS = "demo_live";
    static final String REPLAY_KS = "demo_replay";
    /** Each output version has its own side topics (the job names and creates them): the live one's. */
    static final String LATE = JobOptions.sideTopic(LIVE_KS, JobOptions.LATE_WORDS);
    static final String DEAD = JobOptions.sideTopic(LIVE_KS, JobOptions.DEAD_LETTERS);
    static final String WEATHER_LATE = JobOptions.sideTopic(LIVE_KS, JobOptions.LATE_WEATHER);
    /** What a new demo deletes first: its inputs and both versions' side topics. */
    static final List<String> TOPICS = List.of(WORDS, WEATHER, LATE, DEAD, WEATHER_LATE,
            JobOptions.sideTopic(REPLAY_KS, JobOptions.LATE_WORDS), JobOptions.sideTopic(REPLAY_KS, JobOptions.DEAD_LETTERS),
            JobOptions.sideTopic(REPLAY_KS, JobOptions.LATE_WEATHER));
    /** The demo's jobs are named kappa-demo-live and kappa-demo-replay. */
    static final String JOB_NAME_PREFIX = JobNames.PREFIX + "demo-";
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--lines", defaultValue = "50000", description = "sample lines to produce (default: ${DEFAULT-VALUE})")
    long lines;

    @Option(names = "--span", defaultValue = "30m", converter = io.kappa.job.JobOptions.DurationConverter.class,
            description = "event time the sample covers, ending now (default: ${DEFAULT-VALUE})")
    Duration span;

    private final StackConfig stack = StackConfig.recorded(KappaCli.home());
    private final Connections connections = new Connections();
    private PrintWriter out;

    private void step(String text) {
        out.println();
        out.println("==> " + text);
    }

    /** What step 3 produced and which windows the live job can have closed. */
    private record Sample(Produce.TextSummary produced, Map<Long, Long> expected, Map<Long, Long> closed,
                          long readings, int cities) {}

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Path jar = stack.home().resolve("job/target/kappa-job.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no job jar at " + jar + ": build it with mvn -DskipTests package");
        }
        step("1. Local stack: Kafka, Cassandra, Flink session cluster (bin/kappa up)");
        new LocalStack(stack).up(out);

        step("2. Reset the demo's topics and keyspaces; create them (bin/kappa topics create, schema create)");
        reset();

        step("3. Produce " + lines + " sample lines covering the last " + span.toMinutes()
                + " minutes of event time, 2% slightly out of order (bin/kappa produce words --generate ...)");
        Sample sample = produce();

        step("4. Run the job live on the session cluster (bin/flink run -d job/target/kappa-job.jar --mode live ...)");
        new io.kappa.client.flink.JobRunner(stack.flinkRestUrl()).requireFreeSlots(DEMO_PARALLELISM * 2); // live and replay
        String submitted = FlinkCli.run(stack, flinkRun(jar, JobOptions.Mode.live, LIVE_KS, true), 180);
        out.println(indent(lastLines(submitted, 2)));
        out.println("  web UI: " + stack.flinkRestUrl() + "  (the job is 'kappa-demo-live')");
        awaitLive(sample);

        step("5. Results (bin/kappa query top --keyspace " + LIVE_KS + " --window <start>, query word ...)");
        showResults(sample);

        step("6. Replay the topics from offset zero into keyspace " + REPLAY_KS
                + " (bin/flink run job/target/kappa-job.jar --mode replay --keyspace " + REPLAY_KS + " ...)");
        long replayStart = System.nanoTime();
        String replayed = FlinkCli.run(stack, flinkRun(jar, JobOptions.Mode.replay, REPLAY_KS, false), 600);
        out.println(indent(lastLines(replayed, 2)));
        out.printf("  replay finished by itself in %.1f s%n", (System.nanoTime() - replayStart) / 1e9);

        step("7. Compare live and replay (bin/kappa diff " + LIVE_KS + " " + REPLAY_KS + ")");
        boolean match = compare(sample);

        step("8. A record later than window + allowed lateness goes to " + LATE + ", not to Cassandra");
        long lateTs = sample.produced().maxTimestamp() - Duration.ofMinutes(10).toMillis();
        try (RecordSender sender = new RecordSender(connections.kafka(), WORDS, 1, null)) {
            sender.send(null, "tardy tortoise".getBytes(StandardCharsets.UTF_8), lateTs);
        }
        out.println("  " + RecordFormat.format(TopicReader.first(connections.kafka(), LATE, Duration.ofSeconds(60)), 300));

        out.printf("%nDemo done in %.0f s. The live job keeps running; try:%n", (System.nanoTime() - t0) / 1e9);
        out.println("  bin/kappa produce words --topic " + WORDS + " --generate 10000 --span 5m --start "
                + Instant.ofEpochMilli(sample.produced().maxTimestamp()));
        out.println("  bin/kappa query top --keyspace " + LIVE_KS);
        out.println("  bin/kappa consume " + LATE + "      bin/kappa consume " + DEAD);
        out.println("  bin/kappa query latest --keyspace " + LIVE_KS + "      bin/kappa query city-windows London --keyspace "
                + LIVE_KS);
        out.println("  bin/flink list        (web UI: " + stack.flinkRestUrl() + ")");
        out.println("  bin/kappa down");
        return match ? 0 : 5;
    }

    /** Step 2: the previous demo job cancelled, the demo's topics and keyspaces made anew. */
    private void reset() {
        JobRunner runner = new JobRunner(stack.flinkRestUrl());
        for (FlinkRest.Job job : runner.jobs()) {
            if (job.name().startsWith(JOB_NAME_PREFIX) && job.state().equals(JobRunner.RUNNING)) {
                out.println("  cancelling the previous demo job " + job.id() + " (" + job.name() + ")");
                runner.cancelAndWait(job.id(), Duration.ofSeconds(60));
            }
        }
        Topics.delete(connections.kafka(), TOPICS);
        Topics.create(connections.kafka(), List.of(WORDS, WEATHER), 2, KafkaReplication.AUTOMATIC, Topics.INPUT_TOPIC_CONFIGS);
        Keyspaces.drop(connections.cassandra().keyspace(LIVE_KS), LIVE_KS, REPLAY_KS);
        Keyspaces.create(connections.cassandra().keyspace(LIVE_KS));
        out.println("  topics " + WORDS + ", " + WEATHER + " (2 partitions; each version's side topics, e.g. " + LATE
                + ", are made by its job); keyspace " + LIVE_KS);
    }

    /** Step 3: sample text and weather. */
    private Sample produce() {
        PrintWriter progress = spec.commandLine().getErr();
        TextGenerator.Spec text = new TextGenerator.Spec(lines, 2000, 5, 10, 1.0,
                System.currentTimeMillis() - span.toMillis(), span, 0.02, Duration.ofSeconds(4), 0, Duration.ZERO, 7);
        Produce.TextSummary produced = new Produce(connections.kafka(), WORDS, progress).generate(text);
        out.printf("  %,d lines, %,d words%n", produced.lines(), produced.words());
        Map<Long, Long> expected = TextGenerator.wordsPerWindow(text, WINDOW.toMillis());
        List<io.kappa.weather.City> cities = new java.util.ArrayList<>(io.kappa.client.generate.Cities.featured());
        out.println("  and the weather of " + cities.size() + " cities every 10 minutes over the last 3 hours, 2% "
                + "malformed, 2% sent twice (bin/kappa produce weather --span 3h --malformed 0.02 --duplicates 0.02)");
        WeatherSimulator.Spec weatherSpec = new WeatherSimulator.Spec(cities,
                System.currentTimeMillis() - Duration.ofHours(3).toMillis(), Duration.ofHours(3), Duration.ofMinutes(10), 7,
                0.02, 0.02, 0);
        Produce.WeatherSummary weather = new Produce(connections.kafka(), WEATHER, progress).simulate(weatherSpec);
        long readings = new WeatherSimulator(weatherSpec).readings(); // distinct readings: rounds x cities
        out.printf("  %,d weather records: %,d readings (%,d distinct), %,d malformed%n", weather.records(),
                weather.valid(), readings, weather.malformed());
        long watermark = produced.maxTimestamp() - OUT_OF_ORDERNESS.toMillis() - 1;
        Map<Long, Long> closed = new TreeMap<>(expected);
        closed.keySet().removeIf(start -> start + WINDOW.toMillis() - 1 > watermark);
        return new Sample(produced, expected, closed, readings, cities.size());
    }

    /** Step 4, after the submission: until the live job has written every closed window and every reading. */
    private void awaitLive(Sample sample) {
        long liveStart = System.nanoTime();
        try (WordCounts live = new WordCounts(connections.cassandra().keyspace(LIVE_KS));
             WeatherReadings weather = new WeatherReadings(connections.cassandra().keyspace(LIVE_KS))) {
            Deadline.await("the live job to write every closed window", Duration.ofMinutes(5), () -> {
                Map<Long, Long> totals = WordCounts.totals(live.all());
                long done = sample.closed().entrySet().stream().filter(e -> e.getValue().equals(totals.get(e.getKey())))
                        .count();
                out.print("\r  live: " + done + "/" + sample.closed().size() + " closed windows complete ");
                out.flush();
                return done == sample.closed().size();
            });
            Deadline.await("the live job to enrich every weather reading", Duration.ofMinutes(5),
                    () -> weather.all(Tables.WEATHER_OBSERVATIONS).size() >= sample.readings()
                            && weather.latest().size() == sample.cities());
        }
        out.printf("%n  all %d closed windows written in %.1f s; the newest window (%s) stays open until "
                + "later records move the watermark past it%n", sample.closed().size(), (System.nanoTime() - liveStart) / 1e9,
                Instant.ofEpochMilli(sample.expected().keySet().stream().max(Long::compare).orElse(0L)));
    }

    /** Step 5: the top words of the last closed window, the top word over time, some cities' latest weather. */
    private void showResults(Sample sample) {
        try (WordCounts live = new WordCounts(connections.cassandra().keyspace(LIVE_KS))) {
            long lastClosed = ((TreeMap<Long, Long>) sample.closed()).lastKey();
            List<WordCounts.Count> top = live.top(lastClosed, 5);
            QueryCommand.Top.print(out, top, lastClosed);
            String word = top.get(0).word();
            out.println("  '" + word + "' over the last 5 windows:");
            for (WordCounts.Count c : live.word(word, 5)) {
                out.printf("    %s  %,d%n", Instant.ofEpochMilli(c.windowStart()), c.count());
            }
        }
        out.println("  latest weather per city (bin/kappa query latest --keyspace " + LIVE_KS + "), a few of them:");
        try (WeatherReadings w = new WeatherReadings(connections.cassandra().keyspace(LIVE_KS))) {
            for (WeatherReadings.LatestRow r : w.latest()) {
                if (List.of("London", "Paris", "Tokyo", "Sydney", "Cairo", "Moscow").contains(r.city())) {
                    out.printf("    %-8s %-2s %6.1f °C  feels %6.1f  %5.1f km/h %-3s %-15s %-7s %s%n",
                            r.city(), r.country(), r.tempC(), r.feelsLikeC(), r.windKmh(), r.compass(), r.beaufortName(),
                            r.condition(), r.localTime());
                }
            }
        }
    }

    /** Step 7: whether every row the live job wrote is in the replay, identical. */
    private boolean compare(Sample sample) {
        Map<String, Long> liveRows;
        Map<String, Long> replayRows;
        try (WordCounts live = new WordCounts(connections.cassandra().keyspace(LIVE_KS));
             WordCounts replay = new WordCounts(connections.cassandra().keyspace(REPLAY_KS))) {
            liveRows = live.all();
            replayRows = replay.all();
        }
        Diff.compare(liveRows, replayRows).report(LIVE_KS, REPLAY_KS).forEach(out::println);
        Map<String, Long> replayClosed = new TreeMap<>(replayRows);
        replayClosed.keySet().removeIf(k -> !sample.closed().containsKey(WordCounts.windowStartOf(k)));
        Diff closedOnly = Diff.compare(liveRows, replayClosed);
        boolean match = closedOnly.identical() && WordCounts.totals(replayRows).equals(sample.expected());
        try (WeatherReadings live = new WeatherReadings(connections.cassandra().keyspace(LIVE_KS));
             WeatherReadings replay = new WeatherReadings(connections.cassandra().keyspace(REPLAY_KS))) {
            for (Table<?> table : List.of(Tables.WEATHER_OBSERVATIONS, Tables.WEATHER_LATEST, Tables.WEATHER_WINDOWS)) {
                Map<String, String> l = live.all(table);
                Map<String, String> r = replay.all(table);
                Map<String, String> common = new TreeMap<>(r);
                common.keySet().retainAll(l.keySet());
                boolean same = common.equals(l);
                match &= same;
                out.printf("  %-28s live %,6d rows, replay %,6d rows: %s%n", table.name(), l.size(), r.size(),
                        same ? (l.size() == r.size() ? "identical" : "identical where live has closed the window")
                                : "DIFFERENT");
            }
        }
        out.println(match
                ? "  MATCH: every row the live job has written is identical in the replay; the replay's extra rows are "
                    + "the newest windows, which a bounded replay closes at the end of its input and the live job "
                    + "closes when later data arrives."
                : "  MISMATCH: live and replay differ in closed windows (see above)");
        return match;
    }

    /** {@code flink run [-d] <jar> <the job's arguments>} for the demo's topics and a keyspace. */
    private List<String> flinkRun(Path jar, JobOptions.Mode mode, String keyspace, boolean detached) {
        List<String> a = new ArrayList<>(List.of("run"));
        if (detached) {
            a.add("-d");
        }
        a.add(jar.toString());
        a.addAll(JobArgs.live().mode(mode).kafka(stack.bootstrapServers())
                .cassandra(connections.cassandraHosts, stack.cassandraPort())
                .wordsTopic(WORDS).groupId("demo-live").weatherTopic(WEATHER)
                .window(WINDOW).allowedLateness(Duration.ofMinutes(1)).outOfOrderness(OUT_OF_ORDERNESS)
                .checkpointInterval(Duration.ofSeconds(5))
                .keyspace(keyspace).jobName(JOB_NAME_PREFIX + mode).toList());
        return a;
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
