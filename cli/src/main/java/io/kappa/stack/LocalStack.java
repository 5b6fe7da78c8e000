package io.kappa.stack;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka, Cassandra and a Flink session cluster (JobManager + TaskManager) on this machine, each its own JVM.
 * {@link #up} is safe to run twice; {@link #down} stops only what the stack's pid files name.
 */
public class LocalStack implements AutoCloseable {
    private final StackConfig config;
    private final KafkaBroker kafka;
    private final CassandraNode cassandra;
    private final FlinkProcess jobManager;
    private final FlinkProcess taskManager;

    public LocalStack(StackConfig config) {
        this.config = config;
        this.kafka = new KafkaBroker(config);
        this.cassandra = new CassandraNode(config);
        this.jobManager = FlinkProcess.jobManager(config);
        this.taskManager = FlinkProcess.taskManager(config);
    }

    public StackConfig config() {
        return config;
    }

    /** A server by name: kafka, cassandra, flink-jobmanager, flink-taskmanager. */
    public ManagedServer server(String name) {
        return servers().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server " + name));
    }

    /** The servers in start order. */
    public List<ManagedServer> servers() {
        return List.of(kafka, cassandra, jobManager, taskManager);
    }

    /** Starts Kafka and Cassandra only (what the end-to-end tests need besides a MiniCluster). */
    public void upKafkaAndCassandra(PrintWriter out) {
        up(List.of(kafka, cassandra), out);
    }

    public void up(PrintWriter out) {
        up(servers(), out);
    }

    private void up(List<ManagedServer> which, PrintWriter out) {
        for (ManagedServer s : which) {
            long start = System.nanoTime();
            out.print("  " + pad(s.name()) + " starting ... ");
            out.flush();
            boolean started = s.start(Duration.ofSeconds(180));
            long ms = (System.nanoTime() - start) / 1_000_000;
            out.println((started ? "ready in " + String.format("%.1f", ms / 1000.0) + " s" : "already running")
                    + "  " + s.describe());
        }
    }

    /** Stops in reverse order. */
    public void down(PrintWriter out) {
        List<ManagedServer> reversed = new ArrayList<>(servers());
        java.util.Collections.reverse(reversed);
        for (ManagedServer s : reversed) {
            boolean wasRunning = s.stop();
            out.println("  " + pad(s.name()) + (wasRunning ? " stopped" : " was not running"));
        }
    }

    public void status(PrintWriter out) {
        for (ManagedServer s : servers()) {
            String state = s.isRunning()
                    ? "running (pid " + s.process().map(ProcessHandle::pid).orElse(-1L) + ", " + s.residentMemoryMiB()
                    + " MiB)  " + s.describe()
                    : "stopped";
            out.println("  " + pad(s.name()) + " " + state);
        }
        out.println("  prometheus: " + jobManager.metricsUrl() + " (flink-jobmanager), " + taskManager.metricsUrl()
                + " (flink-taskmanager)");
        out.println("  logs: " + config.logs());
        out.println("  data: " + config.stateDir());
    }

    public boolean allRunning() {
        return servers().stream().allMatch(ManagedServer::isRunning);
    }

    private static String pad(String s) {
        return String.format("%-18s", s);
    }

    /** Stops everything that is running (tests). */
    @Override
    public void close() {
        down(new PrintWriter(java.io.Writer.nullWriter()));
    }
}
