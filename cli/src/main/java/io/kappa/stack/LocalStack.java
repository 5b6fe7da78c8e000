package io.kappa.stack;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Kafka, Cassandra and a Flink session cluster (JobManager + TaskManagers) on this machine, each server its own JVM,
 * as many brokers, Cassandra nodes and TaskManagers as the configuration's {@link StackShape} says. {@link #up} is
 * safe to run twice; {@link #down} stops only what the stack's pid files name.
 */
public class LocalStack implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private final StackConfig config;
    private final List<KafkaBroker> brokers;
    private final List<CassandraNode> cassandraNodes;
    private final FlinkProcess jobManager;
    private final List<FlinkProcess> taskManagers;

    public LocalStack(StackConfig config) {
        this.config = config;
        StackShape shape = config.shape();
        this.brokers = nodes(shape.brokers()).mapToObj(k -> new KafkaBroker(config, k)).toList();
        this.cassandraNodes = nodes(shape.cassandraNodes()).mapToObj(k -> new CassandraNode(config, k)).toList();
        this.jobManager = FlinkProcess.jobManager(config);
        this.taskManagers = nodes(shape.taskManagers()).mapToObj(k -> FlinkProcess.taskManager(config, k)).toList();
    }

    private static IntStream nodes(int n) {
        return IntStream.rangeClosed(1, n);
    }

    public StackConfig config() {
        return config;
    }

    /** A server by name: kafka, kafka-2, cassandra, cassandra-2, flink-jobmanager, flink-taskmanager, flink-taskmanager-2. */
    public ManagedServer server(String name) {
        return servers().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server " + name + " (the stack has "
                        + servers().stream().map(ManagedServer::name).collect(Collectors.joining(", ")) + ")"));
    }

    /** The servers in start order. */
    public List<ManagedServer> servers() {
        return startGroups().stream().flatMap(List::stream).toList();
    }

    /**
     * The servers in start order, in groups launched together: the brokers (a quorum needs a majority of its voters to
     * elect a leader), then each Cassandra node alone (a node must not join while another is joining), the JobManager,
     * each TaskManager.
     */
    private List<List<ManagedServer>> startGroups() {
        List<List<ManagedServer>> groups = new ArrayList<>();
        groups.add(List.copyOf(brokers));
        cassandraNodes.forEach(n -> groups.add(List.of(n)));
        groups.add(List.of(jobManager));
        taskManagers.forEach(t -> groups.add(List.of(t)));
        return groups;
    }

    /**
     * Starts what is not running and waits until each server is ready.
     *
     * @throws StackException when the state folder belongs to a stack of another shape
     */
    public void up(PrintWriter out) {
        ChildJvm.createPrivateDirectory(config.stateDir());
        Optional<StackShape> recorded = StackShape.recorded(config.stateDir());
        if (recorded.isPresent()) {
            boolean running = new LocalStack(config.withShape(recorded.get())).servers().stream()
                    .anyMatch(ManagedServer::isRunning);
            config.shape().conflictWith(recorded.get(), running, config.stateDir()).ifPresent(why -> {
                throw new StackException(why);
            });
        }
        config.shape().record(config.stateDir());
        for (List<ManagedServer> group : startGroups()) {
            long start = System.nanoTime();
            List<Optional<ProcessHandle>> launched = group.stream().map(ManagedServer::launch).toList();
            for (int i = 0; i < group.size(); i++) {
                ManagedServer s = group.get(i);
                out.print("  " + pad(s.name()) + " starting ... ");
                out.flush();
                s.awaitReady(launched.get(i), START_TIMEOUT);
                long ms = (System.nanoTime() - start) / 1_000_000;
                out.println((launched.get(i).isPresent() ? "ready in " + String.format("%.1f", ms / 1000.0) + " s"
                        : "already running") + "  " + s.describe());
            }
        }
    }

    /** Stops in reverse order. */
    public void down(PrintWriter out) {
        List<ManagedServer> reversed = new ArrayList<>(servers());
        Collections.reverse(reversed);
        for (ManagedServer s : reversed) {
            boolean wasRunning = s.stop();
            out.println("  " + pad(s.name()) + (wasRunning ? " stopped" : " was not running"));
        }
    }

    /** Every server: name, pid, resident memory, what and where it is; the Prometheus endpoints; logs and data. */
    public void status(PrintWriter out) {
        for (ManagedServer s : servers()) {
            String state = s.isRunning()
                    ? "running (pid " + s.process().map(ProcessHandle::pid).orElse(-1L) + ", " + s.residentMemoryMiB()
                    + " MiB)  " + s.describe()
                    : "stopped";
            out.println("  " + pad(s.name()) + " " + state);
        }
        List<FlinkProcess> flink = new ArrayList<>(List.of(jobManager));
        flink.addAll(taskManagers);
        out.println("  prometheus: " + flink.stream().map(f -> f.metricsUrl() + " (" + f.name() + ")")
                .collect(Collectors.joining(", ")));
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
