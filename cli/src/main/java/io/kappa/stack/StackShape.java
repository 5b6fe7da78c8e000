package io.kappa.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * How many of each server the local stack runs: Kafka brokers (one KRaft quorum, every broker also a controller),
 * Cassandra nodes (one cluster) and Flink TaskManagers (beside the one JobManager). {@link #ONE} is one of each.
 * The shape a state folder was started with is recorded in it ({@link #record}), so that {@code status},
 * {@code down} and a second {@code up} know which servers belong to it.
 */
public record StackShape(int brokers, int cassandraNodes, int taskManagers) {
    public static final StackShape ONE = new StackShape(1, 1, 1);
    /** Node k of a kind lives on 127.0.0.k: at most this many of each, on one machine. */
    public static final int MAX = 9;
    private static final String FILE = "shape.properties";

    public StackShape {
        check(brokers, "--brokers");
        check(cassandraNodes, "--cassandra-nodes");
        check(taskManagers, "--taskmanagers");
    }

    private static void check(int n, String option) {
        if (n < 1 || n > MAX) {
            throw new StackException(option + " must be between 1 and " + MAX + ", was " + n);
        }
    }

    /** "3 brokers, 3 Cassandra nodes, 2 TaskManagers". */
    @Override
    public String toString() {
        return count(brokers, "broker") + ", " + count(cassandraNodes, "Cassandra node") + ", "
                + count(taskManagers, "TaskManager");
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** The options of {@code bin/kappa up} that ask for this shape. */
    public String upOptions() {
        return "--brokers " + brokers + " --cassandra-nodes " + cassandraNodes + " --taskmanagers " + taskManagers;
    }

    /**
     * The shape recorded in a state folder; a folder from before shapes were recorded that holds server data is
     * {@link #ONE}; empty for a new folder.
     */
    public static Optional<StackShape> recorded(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Files.isDirectory(stateDir.resolve("kafka")) || Files.isDirectory(stateDir.resolve("cassandra"))
                    ? Optional.of(ONE) : Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            return Optional.of(new StackShape(Integer.parseInt(p.getProperty("brokers", "1")),
                    Integer.parseInt(p.getProperty("cassandra-nodes", "1")),
                    Integer.parseInt(p.getProperty("taskmanagers", "1"))));
        } catch (IOException | NumberFormatException e) {
            throw new StackException("cannot read " + file + " (" + e.getMessage() + "): fix or delete it");
        }
    }

    public void record(Path stateDir) {
        ManagedServer.write(stateDir.resolve(FILE), "# the shape of the local stack in this folder (bin/kappa up)\n"
                + "brokers=" + brokers + "\ncassandra-nodes=" + cassandraNodes + "\ntaskmanagers=" + taskManagers + "\n");
    }

    /**
     * Why this shape cannot be started on a state folder recorded with {@code recorded}, or empty when it can. A running
     * stack keeps its shape; a stopped one keeps its number of brokers and Cassandra nodes (their data belongs to that
     * quorum and that ring), and may change its number of TaskManagers, which keep no data.
     */
    public Optional<String> conflictWith(StackShape recorded, boolean running, Path stateDir) {
        if (running && !equals(recorded)) {
            return Optional.of("the local stack runs with " + recorded + ": run bin/kappa down first, or bin/kappa up "
                    + recorded.upOptions());
        }
        if (brokers != recorded.brokers || cassandraNodes != recorded.cassandraNodes) {
            return Optional.of(stateDir + " holds the data of a stack with " + recorded + ": start it with bin/kappa up "
                    + recorded.upOptions() + ", or delete " + stateDir + " (all its data) for another shape");
        }
        return Optional.empty();
    }
}
