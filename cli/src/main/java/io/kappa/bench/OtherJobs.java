package io.kappa.bench;

import io.kappa.client.flink.FlinkRest;
import io.kappa.client.flink.JobRunner;
import java.util.List;
import java.util.stream.Collectors;

/** Nothing else may run on the session cluster while the bench measures: it would take CPU from every run. */
public final class OtherJobs {
    private OtherJobs() {}

    /**
     * Checks the cluster's jobs before measuring.
     *
     * @param allow measure anyway (--allow-other-jobs)
     * @return the jobs that have not ended ("'name' (id, STATE), …"), for the table's header; "" for none
     * @throws IllegalStateException naming them and what to do, when some have not ended and {@code allow} is false
     */
    public static String check(List<FlinkRest.Job> jobs, boolean allow) {
        List<FlinkRest.Job> running = jobs.stream().filter(j -> !JobRunner.ENDED.contains(j.state())).toList();
        String named = running.stream().map(j -> "'" + j.name() + "' (" + j.id() + ", " + j.state() + ")")
                .collect(Collectors.joining(", "));
        if (!running.isEmpty() && !allow) {
            throw new IllegalStateException(running.size() + (running.size() == 1 ? " job runs" : " jobs run")
                    + " on the session cluster and would take CPU from the runs measured: " + named
                    + "; cancel " + (running.size() == 1 ? "it" : "them") + " (bin/flink cancel <id>), "
                    + "or pass --allow-other-jobs to measure anyway");
        }
        return named;
    }
}
