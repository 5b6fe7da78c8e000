package io.kappa.cli;

import io.kappa.job.JobOptions;
import io.kappa.stack.FlinkRest;
import io.kappa.stack.StackException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The Kappa recipe's first step: replay the topics into a new output version while the live job keeps
 * serving, on the same session cluster, with a progress bar (records read against the end offsets).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay the topics from offset zero (or --from) into a new keyspace beside the live job, with "
                + "progress; then: bin/kappa diff <serving> <new>, bin/kappa promote <new>.",
            "Job options after -- go to the job, e.g.: bin/kappa replay --keyspace kappa_v2 -- --window 5m"})
public class ReplayCommand implements Callable<Integer> {
    @Option(names = "--keyspace", required = true, description = "the new output version")
    String keyspace;

    @Option(names = "--from", description = "start at this record time (ISO-8601) instead of offset zero")
    String from;

    @Option(names = "--replay-runtime", defaultValue = "streaming", description = "streaming | batch (default: ${DEFAULT-VALUE})")
    String runtime;

    @Option(names = "--parallelism", defaultValue = "2", description = "(default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--flink-url", defaultValue = "http://localhost:8081", description = "(default: ${DEFAULT-VALUE})")
    String flinkUrl;

    @Option(names = "--jar", description = "the job jar (default: job/target/kappa-job.jar)")
    Path jar;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Parameters(paramLabel = "JOB_OPTION", description = "further job options (topics, addresses, windows: see the "
            + "job's --help); --mode, --keyspace and --from are set by this command")
    List<String> jobArgs = new ArrayList<>();

    /** How a replay went. */
    public record Outcome(String jobId, String state, long records, double seconds) {}

    /** Where a running replay is: records read of the total to read, after some seconds. */
    public record Progress(long read, long total, double seconds) {
        /** 0..1; a replay of nothing is done. */
        public double fraction() {
            return total == 0 ? 1 : Math.min(1.0, (double) read / total);
        }

        /** Records per second so far. */
        public double rate() {
            return read / Math.max(seconds, 1e-3);
        }

        /** Seconds left at the rate so far, or null before the first record and once everything is read. */
        public Double etaSeconds() {
            return read == 0 || read >= total ? null : (total - read) / Math.max(rate(), 1);
        }
    }

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(jobArgs);
        args.addAll(List.of("--mode", "replay", "--keyspace", keyspace, "--replay-runtime", runtime));
        if (from != null) {
            args.addAll(List.of("--from", from));
        }
        Path jobJar = jar != null ? jar : KappaCli.home().resolve("job/target/kappa-job.jar");
        Outcome o = run(new FlinkRest(flinkUrl), jobJar, args, parallelism, quiet ? null : System.err);
        System.out.printf("  replay %s into %s: %,d records in %.1f s (%,.0f records/s)%n", o.state(), keyspace,
                o.records(), o.seconds(), o.records() / Math.max(o.seconds(), 1e-3));
        if (!o.state().equals("FINISHED")) {
            return 1;
        }
        String serving = Serving.current(JobOptions.parse(args.toArray(String[]::new)).cassandra()).orElse(Serving.FALLBACK);
        System.out.println("  next: bin/kappa diff " + serving + " " + keyspace + "   then: bin/kappa promote " + keyspace);
        return 0;
    }

    /**
     * Submits the replay through the REST API (as the web UI does) and follows it to the end.
     *
     * @param progress where the progress bar goes, or null
     */
    public static Outcome run(FlinkRest rest, Path jar, List<String> jobArgs, int parallelism, PrintStream progress) {
        JobOptions o = JobOptions.parse(jobArgs.toArray(String[]::new));
        List<String> topics = new ArrayList<>(List.of(o.wordsTopic));
        if (o.weather) {
            topics.add(o.weatherTopic);
        }
        long total = recordsToReplay(o, topics);
        long start = System.nanoTime();
        String jobId = rest.runJar(rest.uploadJar(jar), jobArgs, parallelism, null);
        String state;
        long read = 0;
        while (true) {
            state = rest.state(jobId);
            if (List.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
                break;
            }
            try {
                read = rest.metricSum(jobId, "recordsRead") + rest.metricSum(jobId, "weatherRead");
            } catch (StackException e) {
                // metrics are not there while the job is being scheduled
            }
            draw(progress, Math.min(read, total), total, (System.nanoTime() - start) / 1e9);
            try {
                Thread.sleep(500); // the redraw interval of the progress bar
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted; the replay job " + jobId + " goes on (bin/flink cancel " + jobId + ")");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (state.equals("FINISHED")) {
            draw(progress, total, total, seconds);
        }
        if (progress != null) {
            progress.println();
        }
        return new Outcome(jobId, state, total, seconds);
    }

    private static void draw(PrintStream out, long read, long total, double seconds) {
        if (out == null) {
            return;
        }
        int width = 30;
        Progress p = new Progress(read, total, seconds);
        String eta = p.etaSeconds() == null ? "" : String.format("  ETA %.0f s", p.etaSeconds());
        out.printf("\r  replay [%s%s] %,d/%,d records  %,.0f/s%s   ", "#".repeat((int) (width * p.fraction())),
                ".".repeat(width - (int) (width * p.fraction())), read, total, p.rate(), eta);
        out.flush();
    }

    /** Records between the start (offset zero, or --from) and the end offsets as of now: what the replay will read. */
    static long recordsToReplay(JobOptions o, List<String> topics) {
        return recordsToReplay(o.kafka(), topics, o.fromMillis());
    }

    /**
     * Records of the topics between offset zero (or the first at {@code fromMillis}) and the end offsets as of now.
     *
     * @param fromMillis replay start time in epoch milliseconds, or null for offset zero
     */
    public static long recordsToReplay(io.kappa.kafka.KafkaSettings kafka, List<String> topics, Long fromMillis) {
        Properties p = kafka.clientProperties();
        try (Admin admin = Admin.create(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (var d : admin.describeTopics(topics).allTopicNames().get(15, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(i -> partitions.add(new TopicPartition(d.name(), i.partition())));
            }
            Map<TopicPartition, OffsetSpec> startSpec = new HashMap<>();
            Map<TopicPartition, OffsetSpec> endSpec = new HashMap<>();
            for (TopicPartition tp : partitions) {
                startSpec.put(tp, fromMillis == null ? OffsetSpec.earliest() : OffsetSpec.forTimestamp(fromMillis));
                endSpec.put(tp, OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                    admin.listOffsets(startSpec).all().get(15, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(endSpec).all().get(15, TimeUnit.SECONDS);
            long total = 0;
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp).offset();
                long begin = starts.get(tp).offset() < 0 ? end : starts.get(tp).offset(); // -1: nothing after --from
                total += Math.max(0, end - begin);
            }
            return total;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + topics + " on " + kafka.bootstrapServers()
                    + " (--bootstrap-servers): " + e.getMessage());
        }
    }
}
