package io.kappa.bench;

import io.kappa.client.Deadline;
import io.kappa.client.cassandra.Keyspaces;
import io.kappa.client.kafka.Produce;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.kafka.TopicReader;
import io.kappa.client.kafka.Topics;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.job.JobArgs;
import io.kappa.kafka.KafkaReplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/** (e): a live job fed in real time; how long after its window's end each row is written. */
public record LiveRun(BenchTarget target, UploadedJob job) {
    static final long WINDOW_MILLIS = 10_000;
    static final long OUT_OF_ORDERNESS_MILLIS = 1_000;
    /**
     * The target: a row is written at most the out-of-orderness + 1 s after its window's end (p99), i.e. at
     * most the window, the out-of-orderness and 1 s after a record of the window was appended.
     */
    static final long LATENCY_BOUND_MILLIS = OUT_OF_ORDERNESS_MILLIS + 1_000;

    /** What to feed: lines per second for some seconds, of a vocabulary, into a topic of some partitions. */
    public record Feed(double linesPerSecond, int seconds, int vocabulary, int partitions) {}

    public RunResult run(Feed feed) {
        String topic = "bench-live-" + System.currentTimeMillis();
        String keyspace = "bench_live";
        Keyspaces.drop(target.cassandra().keyspace(keyspace), keyspace);
        Topics.create(target.kafka(), List.of(topic), feed.partitions(), KafkaReplication.AUTOMATIC);
        JobArgs args = target.jobArgs(JobArgs.live(), topic, keyspace).noWeather()
                .window(Duration.ofMillis(WINDOW_MILLIS)).outOfOrderness(Duration.ofMillis(OUT_OF_ORDERNESS_MILLIS))
                .idleness(Duration.ZERO).groupId(topic).jobName("bench live");
        String name = String.format("(e) live at %,.0f lines/s", feed.linesPerSecond());
        target.out().println(name + " for " + feed.seconds() + " s ...");
        String jobId = job.start(args);
        try {
            job.runner().awaitRunning(jobId, "the live job running", Duration.ofMinutes(1));
            TextGenerator.Spec spec = new TextGenerator.Spec((long) (feed.linesPerSecond() * feed.seconds()),
                    feed.vocabulary(), 5, 10, 1.0, 0, Duration.ofMinutes(1), 0, Duration.ZERO, 0, Duration.ZERO, 43);
            long peak = 0;
            CompletableFuture<Produce.TextSummary> fed = CompletableFuture.supplyAsync(
                    () -> Produce.quietly(target.kafka(), topic).stream(spec, feed.linesPerSecond()));
            while (!fed.isDone()) {
                LockSupport.parkNanos(500_000_000L); // the sampling interval of the heap figure
                peak = Math.max(peak, job.taskManagerHeapBytes());
            }
            fed.join();
            TreeMap<Long, Long> closed = closedWindows(topic);
            Latencies l = latencies(keyspace, closed);
            long expected = closed.values().stream().mapToLong(Long::longValue).sum();
            long p99 = percentile(l.sorted(), 99);
            String note = String.format("latency beyond window end over %,d rows of %d windows: p50 %,d ms, p99 %,d ms"
                    + " (10 s windows, 1 s out-of-orderness; target: p99 ≤ %,d ms, the out-of-orderness + 1 s)",
                    l.sorted().length, closed.size(), percentile(l.sorted(), 50), p99, LATENCY_BOUND_MILLIS);
            return new RunResult(RunResult.Kind.LIVE, name, spec.lines(), feed.seconds(), l.words(),
                    l.words() == expected, peak, "TaskManager heap", note, p99);
        } finally {
            job.runner().cancelAndWait(jobId, Duration.ofMinutes(1)); // before the next run starts
            Topics.delete(target.kafka(), List.of(topic));
        }
    }

    /**
     * Words per window of the topic, of the windows that closed: those that ended more than the out-of-orderness
     * before the last record. (The first window began before the feed did: it is partly empty, but complete.)
     */
    private TreeMap<Long, Long> closedWindows(String topic) {
        TreeMap<Long, Long> produced = new TreeMap<>();
        TopicReader.readToEnd(target.kafka(), topic, r -> produced.merge(
                r.timestamp() - Math.floorMod(r.timestamp(), WINDOW_MILLIS),
                (long) new String(r.value(), StandardCharsets.UTF_8).split(" ").length, Long::sum));
        long lastTs = produced.lastKey();
        produced.keySet().removeIf(w -> w + WINDOW_MILLIS + OUT_OF_ORDERNESS_MILLIS > lastTs);
        return produced;
    }

    /** The words found in the closed windows' rows, and each row's latency beyond its window's end (sorted). */
    private record Latencies(long words, long[] sorted) {}

    private Latencies latencies(String keyspace, TreeMap<Long, Long> closed) {
        long expected = closed.values().stream().mapToLong(Long::longValue).sum();
        List<Long> latencies = new ArrayList<>();
        long[] found = {0};
        try (WordCounts counts = new WordCounts(target.cassandra().keyspace(keyspace))) {
            Deadline.await("the closed windows' rows", Duration.ofMinutes(1), () -> {
                latencies.clear();
                found[0] = 0;
                for (long w : closed.keySet()) {
                    for (WordCounts.Written row : counts.written(w)) {
                        found[0] += row.count();
                        latencies.add(row.writeTimeMicros() / 1000 - (w + WINDOW_MILLIS));
                    }
                }
                return found[0] >= expected;
            });
        }
        return new Latencies(found[0], latencies.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    /** The p-th percentile of sorted values (nearest rank), or -1 of none. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
