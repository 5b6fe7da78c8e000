package io.kappa.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The machine the bench measures on, for its honest limit: the processes whose CPU time a run costs (this JVM and the
 * stack's servers: Kafka, Cassandra, the Flink JobManager and TaskManagers), how many cores they share, and how to start
 * each timed run from the same state (Cassandra flushed, its compactions finished, {@link CassandraQuiescence}).
 * Empty processes: a stack that is not this machine's; CPU is then not measured.
 */
public record Machine(List<ProcessHandle> processes, int cores, Runnable quiesce) {
    /** No stack of this machine: nothing measured, nothing to quiesce. */
    public static Machine remote() {
        return new Machine(List.of(), Runtime.getRuntime().availableProcessors(), () -> {});
    }

    /** CPU-seconds spent so far by this JVM and the processes; NaN when any cannot be read. */
    public double cpuSeconds() {
        if (processes.isEmpty()) {
            return Double.NaN;
        }
        double total = cpu(ProcessHandle.current());
        for (ProcessHandle p : processes) {
            total += cpu(p);
        }
        return total;
    }

    private static double cpu(ProcessHandle p) {
        Optional<Duration> d = p.info().totalCpuDuration();
        return d.map(x -> x.toNanos() / 1e9).orElse(Double.NaN);
    }
}
