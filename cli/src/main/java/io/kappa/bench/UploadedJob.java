package io.kappa.bench;

import io.kappa.client.flink.JobRunner;
import io.kappa.job.JobArgs;

/** The job jar uploaded to the session cluster once, and how the bench's runs start it there. */
public record UploadedJob(JobRunner runner, String jarId, int parallelism) {
    /** Starts the job, detached; returns its id. */
    String start(JobArgs args) {
        return runner.start(jarId, args, parallelism);
    }

    /** The TaskManagers' heap in use now, summed. */
    long taskManagerHeapBytes() {
        return runner.rest().taskManagerHeapUsedBytes();
    }
}
