package io.kappa.client.versions;

import io.kappa.client.ClientException;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.kafka.Offsets;

import io.kappa.core.Metrics;
import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A replay on the session cluster beside the live job: counts the records to read, submits the job, and follows it
 * to the end with a progress bar (records read against the end offsets as of the start).
 */
public final class Replay {
    private Replay() {}

    /** How a replay went. */
    public record Outcome(String jobId, String state, long records, double seconds) {}

    /** The topics the job reads: words, and weather unless switched off. */
    public static List<String> inputTopics(JobOptions o) {
        List<String> topics = new ArrayList<>(List.of(o.wordsTopic));
        if (o.weather) {
            topics.add(o.weatherTopic);
        }
        return topics;
    }

    /** Records between the start (offset zero, or --from) and the end offsets as of now: what the replay will read. */
    public static long recordsToReplay(JobOptions o) {
        return Offsets.recordsBetween(starts(o), new Offsets(o.kafka()).endOffsets(inputTopics(o)));
    }

    /** Where the replay's sources start in each partition: as the job starts them (--from aligned per topic). */
    static Map<TopicPartition, Long> starts(JobOptions o) {
        Offsets offsets = new Offsets(o.kafka());
        Map<TopicPartition, Long> starts = new HashMap<>(offsets.starts(List.of(o.wordsTopic), o.wordsFromMillis()));
        if (o.weather) {
            starts.putAll(offsets.starts(List.of(o.weatherTopic), o.weatherFromMillis()));
        }
        return starts;
    }

    /**
     * Submits the replay through the REST API (as the web UI does) and follows it to the end.
     *
     * @param args     the job's arguments, in replay mode
     * @param progress where the progress bar goes, or null
     */
    public static Outcome run(JobRunner runner, Path jar, JobArgs args, int parallelism, PrintWriter progress) {
        return run(runner, jar, args, parallelism, progress, false);
    }

    /**
     * As {@link #run(JobRunner, Path, JobArgs, int, PrintWriter)}; a replay from offset zero first checks that the input
     * topics still hold their whole history ({@link Offsets#requireWholeHistory}; {@code allowTruncatedHistory}: warn
     * instead).
     */
    public static Outcome run(JobRunner runner, Path jar, JobArgs args, int parallelism, PrintWriter progress,
                              boolean allowTruncatedHistory) {
        JobOptions o = args.parse();
        if (o.fromMillis() == null) {
            new Offsets(o.kafka()).requireWholeHistory(inputTopics(o), allowTruncatedHistory, progress);
        }
        Map<TopicPartition, Long> starts = starts(o);
        Map<TopicPartition, Long> ends = new Offsets(o.kafka()).endOffsets(inputTopics(o));
        long total = Offsets.recordsBetween(starts, ends);
        long start = System.nanoTime();
        String jobId = runner.start(runner.upload(jar), args, parallelism);
        ReplayWatch watch = new ReplayWatch(runner.rest(), jobId, starts, ends);
        String state = runner.follow(jobId, Duration.ofMillis(500), () -> { // the redraw interval of the bar
            try {
                draw(progress, watch.look((System.nanoTime() - start) / 1e9));
            } catch (ClientException e) {
                // metrics are not there while the job is being scheduled or restarted
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        if (state.equals("FINISHED")) {
            draw(progress, new ReplayProgress(total, total, seconds));
        }
        if (progress != null) {
            progress.println();
            progress.flush();
        }
        return new Outcome(jobId, state, total, seconds);
    }

    private static void draw(PrintWriter out, ReplayProgress p) {
        if (out != null) {
            out.print(p.line());
            out.flush();
        }
    }
}
