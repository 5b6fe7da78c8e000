package io.kappa.client.versions;

import io.kappa.client.ClientException;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.cassandra.Keyspaces;
import io.kappa.client.kafka.Offsets;
import io.kappa.client.Times;
import io.kappa.client.kafka.TopicReader;
import io.kappa.client.kafka.Topics;
import io.kappa.client.cassandra.WeatherReadings;
import io.kappa.client.cassandra.WordCounts;

import io.kappa.cassandra.CassandraSettings;
import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import io.kappa.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Kappa recipe for new logic (Kreps): start a second live job from the beginning of the retained log into a new
 * output version with its own consumer group and side topics; follow it until it has caught up; then readers switch
 * ({@link Serving#promote}) and the old version is retired. Shared by {@code bin/kappa version ...}, promote, the
 * dashboard and the tests.
 */
public final class VersionLifecycle {
    private final JobRunner runner;
    private final KafkaSettings kafka;
    private final CassandraSettings cassandra;

    public VersionLifecycle(JobRunner runner, KafkaSettings kafka, CassandraSettings any) {
        this.runner = runner;
        this.kafka = kafka;
        this.cassandra = any;
    }

    public Versions versions() {
        return new Versions(runner.rest(), kafka, cassandra);
    }

    /**
     * Starts version {@code args.keyspace} live from offset zero: with its own consumer group (the keyspace's name
     * unless the arguments name one) and its own side topics. Refuses a version that already runs.
     *
     * @return the job id
     */
    public String start(Path jar, JobArgs args, int parallelism) {
        return start(jar, args, parallelism, false, null);
    }

    /**
     * As {@link #start(Path, JobArgs, int)}; first checks that the input topics still hold their whole history (a new
     * version reads them from offset zero: {@link Offsets#requireWholeHistory}; {@code allowTruncatedHistory}: warn to
     * {@code warnings} instead).
     */
    public String start(Path jar, JobArgs args, int parallelism, boolean allowTruncatedHistory,
                        java.io.PrintWriter warnings) {
        JobOptions o = args.mode(JobOptions.Mode.live).parse();
        new Offsets(kafka).requireWholeHistory(Replay.inputTopics(o), allowTruncatedHistory, warnings);
        if (o.groupId.equals(JobOptions.defaults().groupId)) {
            args.groupId(o.keyspace);
            o = args.parse();
        }
        Optional<Versions.Version> running = versions().find(o.keyspace).filter(Versions.Version::running);
        if (running.isPresent()) {
            throw new IllegalStateException("version " + o.keyspace + " already runs as job " + running.get().job().id()
                    + ": retire it first (bin/kappa version retire " + o.keyspace + ") or choose another name");
        }
        String jobId = runner.start(runner.upload(jar), args, parallelism);
        new VersionRegistry(cassandra).started(new VersionRegistry.Entry(o.keyspace, o.groupId, o.wordsTopic,
                o.weather ? o.weatherTopic : null, o.allowedLateness.toMillis(), String.join(" ", args.toList()),
                jar.toAbsolutePath().toString(), jobId, System.currentTimeMillis(), null, null));
        return jobId;
    }

    /** How a version's catching up looks: behind the head, read rate, its watermark and the served version's. */
    public record CatchUp(long behind, double recordsPerSecond, Long watermark, Long servedWatermark, String notYet) {
        public boolean caughtUp() {
            return notYet == null;
        }

        public Double etaSeconds() {
            return recordsPerSecond <= 0 || behind <= 0 ? null : behind / recordsPerSecond;
        }

        /** {@code \r  v2 catching up: 1,234 records behind  5,000/s  ETA 1 s  watermark … (serving …)}. */
        public String line(String name) {
            String eta = etaSeconds() == null ? "" : String.format("  ETA %.0f s", etaSeconds());
            return String.format("\r  %s %s: %,d records behind the head  %,.0f/s%s  watermark %s (served %s)   ", name,
                    caughtUp() ? "caught up" : "catching up", behind, recordsPerSecond, eta, Times.iso(watermark),
                    Times.iso(servedWatermark));
        }
    }

    /**
     * Follows version {@code name} until it has caught up with the served one ({@link Versions#notCaughtUp}): at most
     * {@value Versions#CAUGHT_UP_RECORDS} records behind the head, and its watermark at or past the one the served
     * version had at the first look that found {@code name} that close to the head. Both watermarks move on a live
     * feed, each in its own steps: a fixed target is reached, a moving one is a coin toss at each look.
     *
     * @throws ClientException when it has not caught up within {@code timeout} (the job goes on), with the reason
     */
    public CatchUp awaitCaughtUp(String name, Duration timeout, PrintWriter progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastBehind = -1;
        long lastNanos = System.nanoTime();
        double rate = 0;
        Long target = null;
        while (true) {
            List<Versions.Version> all = versions().list();
            Versions.Version v = all.stream().filter(x -> x.keyspace().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("keyspace '" + name + "' is not an output version"));
            Versions.Version served = all.stream().filter(Versions.Version::served).findFirst().orElse(null);
            long now = System.nanoTime();
            if (v.behind() != null) {
                if (lastBehind >= 0 && now > lastNanos) {
                    rate = Math.max(0, (lastBehind - v.behind()) / ((now - lastNanos) / 1e9));
                }
                lastBehind = v.behind();
                lastNanos = now;
            }
            boolean nearHead = v.behind() != null && v.behind() <= Versions.CAUGHT_UP_RECORDS;
            if (target == null || !nearHead) {
                target = served == null ? null : served.watermark();
            }
            CatchUp c = new CatchUp(v.behind() == null ? -1 : v.behind(), rate, v.watermark(), target,
                    Versions.notCaughtUp(v, served == null ? null : served.keyspace(), target));
            if (progress != null) {
                progress.print(c.line(name));
                progress.flush();
            }
            if (c.caughtUp()) {
                if (progress != null) {
                    progress.println();
                }
                return c;
            }
            if (now > deadline) {
                throw new ClientException("version " + name + " has not caught up after " + timeout.toSeconds() + " s: "
                        + c.notYet());
            }
            try {
                Thread.sleep(1000); // the redraw interval of the progress line
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientException("interrupted; version " + name + " goes on catching up");
            }
        }
    }

    /**
     * Makes {@code name} the served version; unless forced, only one that runs and has caught up: it is followed for at
     * most {@code wait} ({@link #awaitCaughtUp}).
     */
    public void promote(String name, boolean force, Duration wait) {
        if (!force) {
            Versions.Version v = versions().find(name).orElseThrow(
                    () -> new IllegalArgumentException("keyspace '" + name + "' is not an output version"));
            if (!v.running()) { // waiting would not help
                throw new IllegalStateException("not promoting " + name + ": " + Versions.notCaughtUp(v, null, null)
                        + " (--force promotes it anyway)");
            }
            try {
                awaitCaughtUp(name, wait, null);
            } catch (ClientException e) {
                throw new IllegalStateException("not promoting " + name + ": " + e.getMessage()
                        + " (--force promotes it anyway)");
            }
        }
        Serving.promote(cassandra.withKeyspace(name));
    }

    /** What retiring did: the savepoint of the stopped job (or null), and what was dropped. */
    public record Retired(String savepoint, List<String> dropped) {}

    /**
     * Stops version {@code name}'s live job with a savepoint (so it could be resumed) and marks it retired; with
     * {@code drop}, also drops its keyspace, side topics and consumer group. Refuses the served version unless forced.
     */
    public Retired retire(String name, String savepointDirectory, boolean drop, boolean force) {
        Versions.Version v = versions().find(name)
                .orElseThrow(() -> new IllegalArgumentException("keyspace '" + name + "' is not an output version"));
        if (v.served() && !force) {
            throw new IllegalStateException(name + " is the served version: promote another first (--force retires it "
                    + "anyway)");
        }
        String savepoint = null;
        if (v.running()) {
            savepoint = runner.stopWithSavepoint(v.job().id(), savepointDirectory, false, Duration.ofMinutes(5));
        }
        VersionRegistry registry = new VersionRegistry(cassandra);
        VersionRegistry.Entry entry = registry.find(name).orElse(new VersionRegistry.Entry(name, name,
                JobOptions.WORDS_TOPIC, null, 60_000, null, null, v.running() ? v.job().id() : null, null, null, null));
        registry.retired(entry, savepoint);
        List<String> dropped = new ArrayList<>();
        if (drop) {
            Keyspaces.drop(cassandra, name);
            dropped.add("keyspace " + name);
            List<String> topics = List.of(JobOptions.sideTopic(name, JobOptions.LATE_WORDS),
                    JobOptions.sideTopic(name, JobOptions.DEAD_LETTERS), JobOptions.sideTopic(name, JobOptions.LATE_WEATHER));
            Topics.delete(kafka, topics).forEach(t -> dropped.add("topic " + t));
            if (Offsets.deleteGroup(kafka, entry.groupId())) {
                dropped.add("consumer group " + entry.groupId());
            }
        }
        return new Retired(savepoint, dropped);
    }

    /** One side of a diff: its rows, through which window end they are final, and its late words. */
    public VersionDiff.Side side(String name) {
        Versions.Version v = versions().find(name).orElse(null);
        VersionRegistry.Entry entry = v == null ? null : v.entry();
        long lateness = entry != null ? entry.allowedLatenessMs() : JobOptions.defaults().allowedLateness.toMillis();
        Long closed = VersionDiff.closedThrough(v == null ? null : v.watermark(), v != null && v.running(), lateness);
        List<WordCounts.Count> rows;
        try (WordCounts counts = new WordCounts(cassandra.withKeyspace(name))) {
            rows = counts.rows();
        }
        List<byte[]> late = new ArrayList<>();
        String lateTopic = JobOptions.sideTopic(name, JobOptions.LATE_WORDS);
        if (Topics.partitionCounts(kafka).containsKey(lateTopic)) {
            TopicReader.readToEnd(kafka, lateTopic, r -> late.add(r.value()));
        }
        java.util.Map<String, java.util.Map<String, String>> weather = new java.util.HashMap<>();
        try (WeatherReadings readings = new WeatherReadings(cassandra.withKeyspace(name))) {
            for (io.kappa.cassandra.Table<?> table : VersionDiff.WEATHER_TABLES) {
                weather.put(table.name(), readings.all(table));
            }
        }
        Long weatherClosed = closed;
        if (v != null && v.running()) {
            java.util.OptionalLong w = runner.rest().watermark(v.job().id(), io.kappa.weather.WeatherPipeline.SUMMARISE_CITY_WINDOWS);
            weatherClosed = VersionDiff.closedThrough(w.isPresent() ? w.getAsLong() : null, true, lateness);
        }
        return new VersionDiff.Side(name, rows, closed, VersionDiff.lateWords(late), weather, weatherClosed);
    }
}
