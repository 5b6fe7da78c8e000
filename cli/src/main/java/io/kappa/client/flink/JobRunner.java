package io.kappa.client.flink;

import io.kappa.client.ClientException;
import io.kappa.client.Deadline;

import io.kappa.job.JobArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs the job on a session cluster through its REST API, as the web UI does: upload the jar, run it with the
 * arguments of a {@link JobArgs}, follow it to its end, cancel it, stop it with a savepoint. The one loop that
 * follows a job ({@link #follow}) serves the replay, the bench and the version commands.
 */
public final class JobRunner {
    /** The states a job does not leave. */
    public static final List<String> ENDED = List.of("FINISHED", "FAILED", "CANCELED");
    public static final String RUNNING = "RUNNING";

    private final FlinkRest rest;

    public JobRunner(FlinkRest rest) {
        this.rest = rest;
    }

    public JobRunner(String flinkUrl) {
        this(new FlinkRest(flinkUrl));
    }

    /** The REST client underneath, for figures beyond running jobs (metrics, checkpoints, TaskManagers). */
    public FlinkRest rest() {
        return rest;
    }

    /** Uploads the job jar; returns its id for {@link #start}. */
    public String upload(Path jar) {
        return rest.uploadJar(jar);
    }

    /** Runs the uploaded jar, detached; returns the job id. @param parallelism or 0 for the cluster default */
    public String start(String jarId, JobArgs args, int parallelism) {
        requireFreeSlots(parallelism);
        return rest.runJar(jarId, args.toList(), parallelism, null);
    }

    /**
     * Refuses, in one line saying what to do, a job the cluster has no room for: a job of parallelism p needs p free task
     * slots, and without them Flink restarts it again and again while it waits, silently.
     */
    public void requireFreeSlots(int parallelism) {
        FlinkRest.Slots slots = rest.slots();
        if (slots.free() < parallelism) {
            throw new ClientException("the Flink cluster at " + rest.baseUrl() + " has " + slots.free() + " of "
                    + slots.total() + " task slots free, and this job needs " + parallelism + ": stop a job (bin/kappa "
                    + "version list, bin/kappa version retire NAME, bin/flink cancel JOB_ID), run it with --parallelism "
                    + Math.max(1, slots.free()) + ", or add TaskManagers (bin/kappa up --taskmanagers 2; on your own "
                    + "cluster, taskmanager.numberOfTaskSlots)");
        }
    }

    /** As {@link #start}, restoring the state of a savepoint or retained checkpoint. */
    public String resume(String jarId, JobArgs args, int parallelism, String savepointPath) {
        return rest.runJar(jarId, args.toList(), parallelism, savepointPath);
    }

    public String state(String jobId) {
        return rest.state(jobId);
    }

    /** Waits until the job runs. */
    public void awaitRunning(String jobId, String what, Duration timeout) {
        Deadline.await(what, timeout, () -> rest.state(jobId).equals(RUNNING));
    }

    /**
     * Polls the job's state every {@code every} until it ended, running {@code whileRunning} after each poll that
     * finds it still going (a progress bar, a sample); returns the state it ended in.
     */
    public String follow(String jobId, Duration every, Runnable whileRunning) {
        while (true) {
            String state = rest.state(jobId);
            if (ENDED.contains(state)) {
                return state;
            }
            whileRunning.run();
            try {
                Thread.sleep(every.toMillis()); // the polling interval
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientException("interrupted; the job " + jobId + " goes on (bin/flink cancel " + jobId + ")");
            }
        }
    }

    /** A job that ended: its state and how long it ran, as the web UI shows it. */
    public record Ended(String jobId, String state, double seconds) {
        public boolean finished() {
            return state.equals("FINISHED");
        }
    }

    /** Starts the job and follows it to its end ({@link #follow}). */
    public Ended runToEnd(String jarId, JobArgs args, int parallelism, Duration every, Runnable whileRunning) {
        String jobId = start(jarId, args, parallelism);
        String state = follow(jobId, every, whileRunning);
        return new Ended(jobId, state, rest.durationMillis(jobId) / 1000.0);
    }

    public void cancel(String jobId) {
        rest.cancel(jobId);
    }

    /** Cancels the job and waits until it has ended. */
    public void cancelAndWait(String jobId, Duration timeout) {
        rest.cancel(jobId);
        Deadline.await("job " + jobId + " to be cancelled", timeout, () -> ENDED.contains(rest.state(jobId)));
    }

    /** Stops the job with a savepoint (drained: its windows fire first); returns the savepoint's path. */
    public String stopWithSavepoint(String jobId, String targetDirectory, boolean drain, Duration timeout) {
        return rest.stopWithSavepoint(jobId, targetDirectory, drain, timeout);
    }

    /** The jobs on the cluster (running and ended), as the web UI lists them. */
    public List<FlinkRest.Job> jobs() {
        return rest.jobs();
    }
}
