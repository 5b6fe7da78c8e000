package io.kappa.cli;

import io.kappa.client.Producers;
import io.kappa.client.Topics;
import io.kappa.stack.Deadline;
import io.kappa.stack.FlinkCli;
import io.kappa.stack.FlinkRest;
import io.kappa.stack.LocalStack;
import io.kappa.stack.StackConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole story on the local stack: up, topics and schema, sample text, the live job, results, a replay
 * from offset zero into a second keyspace, and the proof that both agree. Uses its own topics (demo-*) and
 * keyspaces (demo_live, demo_replay), reset at the start, so it can be run again and leaves the job's
 * default topics and keyspace alone.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demo end to end on the local stack (starts it if needed); leaves the live job running.")
public class DemoCommand implements Callable<Integer> {
    static final String WORDS = "demo-words";
    static final String LATE = "demo-words-late";
    static final String DEAD = "demo-dead-letters";
    static final String WEATHER = "demo-weather";
    static final String WEATHER_LATE = "demo-weather-late";
    static final String LIVE_KS = "demo_live";
    static final String REPLAY_KS = "demo_replay";
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    @Option(names = "--lines", defaultValue = "50000", description = "sample lines to produce (default: ${DEFAULT-VALUE})")
    long lines;

    @Option(names = "--span", defaultValue = "30m", converter = io.kappa.job.JobOptions.DurationConverter.class,
            description = "event time the sample covers, ending now (default: ${DEFAULT-VALUE})")
    Duration span;

    private final StackConfig stack = StackConfig.defaults(KappaCli.home());
    private final Connections connections = new Connections();

    private static void step(String text) {
        System.out.println();
        System.out.println("==> " + text);
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path jar = stack.home().resolve("job/target/kappa-job.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no job jar at " + jar + ": build it with mvn -DskipTests package");
        }
        step("1. Local stack: Kafka, Cassandra, Flink session cluster (bin/kappa up)");
        new LocalStack(stack).up(System.out);

        step("2. Reset the demo's topics and keyspaces; create them (bin/kappa topics create, schema create)");
        FlinkRest rest = new FlinkRest(stack.flinkRestUrl());
        for (FlinkRest.Job job : rest.jobs()) {
            if (job.name().startsWith("kappa-demo-") && job.state().equals("RUNNING")) {
                System.out.println("  cancelling the previous demo job " + job.id() + " (" + job.name() + ")");
                rest.cancel(job.id());
                Deadline.await("job " + job.id() + " to stop", Duration.ofSeconds(60),
                        () -> !rest.state(job.id()).equals("RUNNING") && !rest.state(job.id()).equals("CANCELLING"));
            }
        }
        resetTopics();
        try (io.kappa.cassandra.CassandraConnection c = io.kappa.cassandra.CassandraConnection.open(
                connections.cassandra(LIVE_KS, 1))) {
            c.session().execute("DROP KEYSPACE IF EXISTS " + LIVE_KS);
            c.session().execute("DROP KEYSPACE IF EXISTS " + REPLAY_KS);
        }
        io.kappa.cassandra.CassandraSchema.create(connections.cassandra(LIVE_KS, 1));
        System.out.println("  topics " + String.join(", ", WORDS, LATE, WEATHER, WEATHER_LATE, DEAD)
                + " (2 partitions); keyspace " + LIVE_KS);

        step("3. Produce " + lines + " sample lines covering the last " + span.toMinutes()
                + " minutes of event time, 2% slightly out of order (bin/kappa produce words --generate ...)");
        TextGenerator.Spec spec = new TextGenerator.Spec(lines, 2000, 5, 10, 1.0,
                System.currentTimeMillis() - span.toMillis(), span, 0.02, Duration.ofSeconds(4), 0, Duration.ZERO, 7);
        ProduceCommand.Summary produced = ProduceCommand.generate(connections, WORDS, spec, true);
        System.out.printf("  %,d lines, %,d words%n", produced.lines(), produced.words());
        Map<Long, Long> expected = TextGenerator.wordsPerWindow(spec, WINDOW.toMillis());
        List<io.kappa.weather.City> cities = io.kappa.weather.CityDirectory.bundled()
                .featured(ProduceCommand.Weather.FEATURED_CITIES);
        System.out.println("  and the weather of " + cities.size() + " cities every 10 minutes over the last 3 hours, 2% "
                + "malformed, 2% sent twice (bin/kappa produce weather --span 3h --malformed 0.02 --duplicates 0.02)");
        WeatherSimulator.Spec weatherSpec = new WeatherSimulator.Spec(cities,
                System.currentTimeMillis() - Duration.ofHours(3).toMillis(), Duration.ofHours(3), Duration.ofMinutes(10), 7,
                0.02, 0.02, 0);
        ProduceCommand.WeatherSummary weather = ProduceCommand.simulate(connections, WEATHER, weatherSpec, true);
        long readings = new WeatherSimulator(weatherSpec).readings(); // distinct readings: rounds x cities
        System.out.printf("  %,d weather records: %,d readings (%,d distinct), %,d malformed%n", weather.records(),
                weather.valid(), readings, weather.malformed());
        long watermark = produced.maxTimestamp() - OUT_OF_ORDERNESS.toMillis() - 1;
        Map<Long, Long> closed = new TreeMap<>(expected);
        closed.keySet().removeIf(start -> start + WINDOW.toMillis() - 1 > watermark);

        step("4. Run the job live on the session cluster (bin/flink run -d job/target/kappa-job.jar --mode live ...)");
        String out = FlinkCli.run(stack, jobArgs(jar, "live", LIVE_KS, true), 180);
        System.out.println(indent(lastLines(out, 2)));
        System.out.println("  web UI: " + stack.flinkRestUrl() + "  (the job is 'kappa-demo-live')");
        long liveStart = System.nanoTime();
        try (Results live = new Results(connections.cassandra(LIVE_KS, 1))) {
            Deadline.await("the live job to write every closed window", Duration.ofMinutes(5), () -> {
                Map<Long, Long> totals = Results.totals(live.all());
                long done = closed.entrySet().stream().filter(e -> e.getValue().equals(totals.get(e.getKey()))).count();
                System.out.print("\r  live: " + done + "/" + closed.size() + " closed windows complete ");
                return done == closed.size();
            });
            try (WeatherResults w = new WeatherResults(connections.cassandra(LIVE_KS, 1))) {
                Deadline.await("the live job to enrich every weather reading", Duration.ofMinutes(5),
                        () -> w.all(io.kappa.cassandra.Tables.WEATHER_OBSERVATIONS.name()).size() >= readings
                                && w.latest().size() == cities.size());
            }
            System.out.printf("%n  all %d closed windows written in %.1f s; the newest window (%s) stays open until "
                    + "later records move the watermark past it%n", closed.size(), (System.nanoTime() - liveStart) / 1e9,
                    Instant.ofEpochMilli(expected.keySet().stream().max(Long::compare).orElse(0L)));

            step("5. Results (bin/kappa query top --keyspace " + LIVE_KS + " --window <start>, query word ...)");
            long lastClosed = ((TreeMap<Long, Long>) closed).lastKey();
            List<Results.Count> top = live.top(lastClosed, 5);
            QueryCommand.Top.print(top, lastClosed);
            String word = top.get(0).word();
            System.out.println("  '" + word + "' over the last 5 windows:");
            for (Results.Count c : live.word(word, 5)) {
                System.out.printf("    %s  %,d%n", Instant.ofEpochMilli(c.windowStart()), c.count());
            }
        }

        System.out.println("  latest weather per city (bin/kappa query latest --keyspace " + LIVE_KS + "), a few of them:");
        try (WeatherResults w = new WeatherResults(connections.cassandra(LIVE_KS, 1))) {
            for (var r : w.latest()) {
                if (List.of("London", "Paris", "Tokyo", "Sydney", "Cairo", "Moscow").contains(r.getString("city"))) {
                    System.out.printf("    %-8s %-2s %6.1f °C  feels %6.1f  %5.1f km/h %-3s %-15s %-7s %s%n",
                            r.getString("city"), r.getString("country"), r.getDouble("temp_c"), r.getDouble("feels_like_c"),
                            r.getDouble("wind_kmh"), r.getString("compass"), r.getString("beaufort_name"),
                            r.getString("condition"), r.getString("local_time"));
                }
            }
        }

        step("6. Replay the topics from offset zero into keyspace " + REPLAY_KS
                + " (bin/flink run job/target/kappa-job.jar --mode replay --keyspace " + REPLAY_KS + " ...)");
        long replayStart = System.nanoTime();
        out = FlinkCli.run(stack, jobArgs(jar, "replay", REPLAY_KS, false), 600);
        System.out.println(indent(lastLines(out, 2)));
        System.out.printf("  replay finished by itself in %.1f s%n", (System.nanoTime() - replayStart) / 1e9);

        step("7. Compare live and replay (bin/kappa diff " + LIVE_KS + " " + REPLAY_KS + ")");
        Map<String, Long> liveRows;
        Map<String, Long> replayRows;
        try (Results live = new Results(connections.cassandra(LIVE_KS, 1));
             Results replay = new Results(connections.cassandra(REPLAY_KS, 1))) {
            liveRows = live.all();
            replayRows = replay.all();
        }
        DiffCommand.Diff all = DiffCommand.compare(liveRows, replayRows);
        all.print(LIVE_KS, REPLAY_KS, System.out);
        Map<String, Long> replayClosed = new TreeMap<>(replayRows);
        replayClosed.keySet().removeIf(k -> !closed.containsKey(Instant.parse(k.substring(0, k.indexOf(' '))).toEpochMilli()));
        DiffCommand.Diff closedOnly = DiffCommand.compare(liveRows, replayClosed);
        boolean match = closedOnly.identical() && Results.totals(replayRows).equals(expected);
        try (WeatherResults live = new WeatherResults(connections.cassandra(LIVE_KS, 1));
             WeatherResults replay = new WeatherResults(connections.cassandra(REPLAY_KS, 1))) {
            for (String table : List.of(io.kappa.cassandra.Tables.WEATHER_OBSERVATIONS.name(),
                    io.kappa.cassandra.Tables.WEATHER_LATEST.name(), io.kappa.cassandra.Tables.WEATHER_WINDOWS.name())) {
                Map<String, String> l = live.all(table);
                Map<String, String> r = replay.all(table);
                Map<String, String> common = new TreeMap<>(r);
                common.keySet().retainAll(l.keySet());
                boolean same = common.equals(l);
                match &= same;
                System.out.printf("  %-28s live %,6d rows, replay %,6d rows: %s%n", table, l.size(), r.size(),
                        same ? (l.size() == r.size() ? "identical" : "identical where live has closed the window")
                                : "DIFFERENT");
            }
        }
        System.out.println(match
                ? "  MATCH: every row the live job has written is identical in the replay; the replay's extra rows are "
                    + "the newest windows, which a bounded replay closes at the end of its input and the live job "
                    + "closes when later data arrives."
                : "  MISMATCH: live and replay differ in closed windows (see above)");

        step("8. A record later than window + allowed lateness goes to " + LATE + ", not to Cassandra");
        long lateTs = produced.maxTimestamp() - Duration.ofMinutes(10).toMillis();
        try (KafkaProducer<byte[], byte[]> p = Producers.bytes(connections.kafka())) {
            p.send(new ProducerRecord<>(WORDS, null, lateTs, null, "tardy tortoise".getBytes(StandardCharsets.UTF_8))).get();
        }
        String lateRecord = awaitFirstRecord(LATE, Duration.ofSeconds(60));
        System.out.println("  " + lateRecord);

        System.out.printf("%nDemo done in %.0f s. The live job keeps running; try:%n", (System.nanoTime() - t0) / 1e9);
        System.out.println("  bin/kappa produce words --topic " + WORDS + " --generate 10000 --span 5m --start "
                + Instant.ofEpochMilli(produced.maxTimestamp()));
        System.out.println("  bin/kappa query top --keyspace " + LIVE_KS);
        System.out.println("  bin/kappa consume " + LATE + "      bin/kappa consume " + DEAD);
        System.out.println("  bin/kappa query latest --keyspace " + LIVE_KS + "      bin/kappa query city-windows London --keyspace "
                + LIVE_KS);
        System.out.println("  bin/flink list        (web UI: " + stack.flinkRestUrl() + ")");
        System.out.println("  bin/kappa down");
        return match ? 0 : 5;
    }

    private List<String> jobArgs(Path jar, String mode, String keyspace, boolean detached) {
        List<String> a = new ArrayList<>(List.of("run"));
        if (detached) {
            a.add("-d");
        }
        a.addAll(List.of(jar.toString(), "--mode", mode, "--bootstrap-servers", stack.bootstrapServers(),
                "--cassandra-port", Integer.toString(stack.cassandraPort()),
                "--words-topic", WORDS, "--late-topic", LATE, "--dead-letter-topic", DEAD, "--group-id", "demo-live",
                "--weather-topic", WEATHER, "--weather-late-topic", WEATHER_LATE,
                "--window", "1m", "--allowed-lateness", "1m", "--out-of-orderness", "5s", "--checkpoint-interval", "5s",
                "--keyspace", keyspace, "--job-name", "kappa-demo-" + mode));
        return a;
    }

    private void resetTopics() throws Exception {
        Properties p = connections.kafka().clientProperties();
        try (Admin admin = Admin.create(p)) {
            List<String> demo = List.of(WORDS, LATE, DEAD, WEATHER, WEATHER_LATE);
            java.util.Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<String> old = demo.stream().filter(existing::contains).toList();
            if (!old.isEmpty()) {
                admin.deleteTopics(old).all().get(30, TimeUnit.SECONDS);
                Deadline.await("old demo topics to be deleted", Duration.ofSeconds(60), () -> {
                    try {
                        return admin.listTopics().names().get(5, TimeUnit.SECONDS).stream().noneMatch(old::contains);
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
        }
        Topics.create(connections.kafka(), List.of(WORDS, LATE, DEAD, WEATHER, WEATHER_LATE), 2, (short) 1);
    }

    private String awaitFirstRecord(String topic, Duration timeout) {
        try (var consumer = ConsumeCommand.fromTheStart(connections, topic)) {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    return ConsumeCommand.format(r, 300);
                }
            }
        }
        throw new IllegalStateException("no record reached " + topic + " within " + timeout.toSeconds() + " s");
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
