package io.kappa.e2e;

import io.kappa.client.ClientException;
import io.kappa.client.flink.FlinkRest;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks at a job four times a second and remembers when it last was not running every task (failing over,
 * restarting, deploying) and when it ran every task again after that: how long a fault kept it down.
 */
final class JobWatch implements AutoCloseable {
    private final ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "job-watch"));
    private volatile boolean running;
    private volatile long lastDown = Long.MIN_VALUE;
    private volatile long upAgain = Long.MIN_VALUE;

    JobWatch(FlinkRest rest, String jobId) {
        looks.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            boolean up;
            try {
                up = rest.tasksRunning(jobId);
            } catch (ClientException e) {
                up = false; // the JobManager does not answer: not a job that runs as it should
            }
            if (!up) {
                lastDown = now;
            } else if (!running) {
                upAgain = now;
            }
            running = up;
        }, 0, 250, TimeUnit.MILLISECONDS); // the sampling interval
    }

    /** Whether the job ran every task at the last look. */
    boolean running() {
        return running;
    }

    /** Seconds from {@code sinceNanos} until the job ran every task again, if it stopped doing so since then. */
    OptionalDouble runningAgainAfter(long sinceNanos) {
        return lastDown < sinceNanos || upAgain < lastDown ? OptionalDouble.empty()
                : OptionalDouble.of((upAgain - sinceNanos) / 1e9);
    }

    @Override
    public void close() {
        looks.shutdownNow();
    }
}
