package io.kappa.client;

import io.kappa.core.Metrics;
import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        return new Offsets(o.kafka()).recordsToReplay(inputTopics(o), o.fromMillis());
    }

    /** Records read so far by a running job: words and weather. */
    public static long recordsRead(FlinkRest rest, String jobId) {
        return rest.metricSums(jobId, List.of(Metrics.RECORDS_READ, Metrics.WEATHER_READ)).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    /**
     * Submits the replay through the REST API (as the web UI does) and follows it to the end.
     *
     * @param args     the job's arguments, in replay mode
     * @param progress where the progress bar goes, or null
     */
    public static Outcome run(JobRunner runner, Path jar, JobArgs args, int parallelism, PrintWriter progress) {
        long total = recordsToReplay(args.parse());
        long start = System.nanoTime();
        String jobId = runner.start(runner.upload(jar), args, parallelism);
        long[] read = {0};
        String state = runner.follow(jobId, Duration.ofMillis(500), () -> { // the redraw interval of the bar
            try {
                read[0] = recordsRead(runner.rest(), jobId);
            } catch (ClientException e) {
                // metrics are not there while the job is being scheduled
            }
            draw(progress, new ReplayProgress(Math.min(read[0], total), total, (System.nanoTime() - start) / 1e9));
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
