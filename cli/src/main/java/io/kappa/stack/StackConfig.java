package io.kappa.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Where the local stack's jars, configuration and state live, its ports, and how many of each server it runs. {@link
 * #defaults} is what {@code bin/kappa up} uses; tests use {@link #forTests} (free ports, a temporary folder) so they
 * never collide with a stack a user left running.
 *
 * <p>Node k of Kafka and of Cassandra lives on its own loopback address, 127.0.0.k ({@link #nodeAddress}), with the
 * same ports as node 1; TaskManager k's Prometheus endpoint is {@code taskManagerMetricsPort + k - 1}.
 *
 * @param home the project checkout: server jars in {@code stack/*}{@code /target/lib}, Flink config in {@code flink-conf/}
 * @param stateDir data, logs and pid files
 * @param jobManagerMetricsPort the JobManager's Prometheus endpoint ({@code metrics.reporter.prom.port})
 * @param taskManagerMetricsPort the first TaskManager's Prometheus endpoint; the next ones take the ports after it
 * @param throwawayData Cassandra without fsync and with an unsafe system keyspace: faster, for tests only
 * @param security null for plain loopback connections; else SASL_SSL for Kafka, passwords and TLS for Cassandra
 * @param shape how many brokers, Cassandra nodes and TaskManagers (null: one of each)
 */
public record StackConfig(Path home, Path stateDir, int kafkaPort, int kafkaControllerPort, int cassandraPort,
                          int cassandraStoragePort, int flinkRestPort, int flinkRpcPort, int jobManagerMetricsPort,
                          int taskManagerMetricsPort, boolean throwawayData, StackSecurity security, StackShape shape) {

    public StackConfig {
        shape = shape == null ? StackShape.ONE : shape;
        Map<Integer, String> roles = new TreeMap<>();
        claim(roles, kafkaPort, "--kafka-port");
        claim(roles, kafkaControllerPort, "--kafka-controller-port");
        claim(roles, cassandraPort, "--cassandra-port");
        claim(roles, cassandraStoragePort, "--cassandra-storage-port");
        claim(roles, flinkRestPort, "--flink-port");
        claim(roles, flinkRpcPort, "--flink-rpc-port");
        claim(roles, jobManagerMetricsPort, "--jobmanager-metrics-port");
        for (int k = 0; k < shape.taskManagers(); k++) {
            claim(roles, taskManagerMetricsPort + k, "--taskmanager-metrics-port" + (k == 0 ? "" : " + " + k));
        }
    }

    /** Every port on 127.0.0.1 serves one purpose: two options naming the same port would fail later, less clearly. */
    private static void claim(Map<Integer, String> roles, int port, String option) {
        String other = roles.putIfAbsent(port, option);
        if (other != null) {
            throw new StackException("port " + port + " is given twice (" + other + " and " + option
                    + "): choose another with one of them");
        }
    }

    public static StackConfig defaults(Path home) {
        return new StackConfig(home, home.resolve(".kappa"), 9092, 9093, 9042, 7000, 8081, 6123, 9249, 9250,
                false, null, StackShape.ONE);
    }

    /** The defaults with the shape recorded in their state folder: the stack that {@code status} and {@code down} see. */
    public static StackConfig recorded(Path home) {
        StackConfig d = defaults(home);
        return d.withShape(StackShape.recorded(d.stateDir()).orElse(StackShape.ONE));
    }

    public static StackConfig forTests(Path home, Path stateDir) {
        return forTests(home, stateDir, StackShape.ONE);
    }

    /** A stack of the shape on free ports: Kafka's and Cassandra's free on every address of their nodes. */
    public static StackConfig forTests(Path home, Path stateDir, StackShape shape) {
        Ports.Picker free = new Ports.Picker();
        List<String> brokers = nodeAddresses(shape.brokers());
        List<String> nodes = nodeAddresses(shape.cassandraNodes());
        return new StackConfig(home, stateDir, free.onAll(brokers), free.onAll(brokers), free.onAll(nodes),
                free.onAll(nodes), free.any(), free.any(), free.any(), free.run(shape.taskManagers()), true, null, shape);
    }

    /** The same stack with another shape. */
    public StackConfig withShape(StackShape other) {
        return new StackConfig(home, stateDir, kafkaPort, kafkaControllerPort, cassandraPort, cassandraStoragePort,
                flinkRestPort, flinkRpcPort, jobManagerMetricsPort, taskManagerMetricsPort, throwawayData, security, other);
    }

    /** The same stack with its servers secured (keys and passwords generated under the state folder). */
    public StackConfig secured() {
        if (!shape.equals(StackShape.ONE)) {
            throw new StackException("a secured stack has one node of each kind, this one " + shape);
        }
        return new StackConfig(home, stateDir, kafkaPort, kafkaControllerPort, cassandraPort, cassandraStoragePort,
                flinkRestPort, flinkRpcPort, jobManagerMetricsPort, taskManagerMetricsPort, throwawayData,
                StackSecurity.generate(stateDir.resolve("security")), shape);
    }

    /** The loopback address of node k (from 1) of Kafka or Cassandra: 127.0.0.k. */
    public static String nodeAddress(int k) {
        return "127.0.0." + k;
    }

    /** The addresses of nodes 1 to n. */
    public static List<String> nodeAddresses(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(StackConfig::nodeAddress).toList();
    }

    /** Kafka client properties the stack's clients need besides the bootstrap servers (none when not secured). */
    public java.util.Map<String, String> kafkaClientProperties() {
        return security == null ? java.util.Map.of() : security.kafkaClientProperties();
    }

    public Path lib(String component) {
        return home.resolve("stack").resolve(component).resolve("target").resolve("lib");
    }

    public Path flinkConfDir() {
        return home.resolve("flink-conf");
    }

    /** Flink's plugin folders ({@code FLINK_PLUGINS_DIR}): {@code prometheus/} holds the metric reporter. */
    public Path flinkPluginsDir() {
        return home.resolve("stack").resolve("flink").resolve("target").resolve("plugins");
    }

    public Path logs() {
        return stateDir.resolve("logs");
    }

    /** Every broker: 127.0.0.1:9092,127.0.0.2:9092,… */
    public String bootstrapServers() {
        return endpoints(shape.brokers(), kafkaPort);
    }

    /** Every Cassandra node's CQL endpoint: 127.0.0.1:9042,127.0.0.2:9042,… */
    public String cassandraEndpoints() {
        return endpoints(shape.cassandraNodes(), cassandraPort);
    }

    private static String endpoints(int nodes, int port) {
        return nodeAddresses(nodes).stream().map(a -> a + ":" + port).collect(Collectors.joining(","));
    }

    /** Cassandra's contact points: every node's address (all on {@link #cassandraPort}). */
    public String cassandraHosts() {
        return String.join(",", nodeAddresses(shape.cassandraNodes()));
    }

    public String flinkRestUrl() {
        return "http://localhost:" + flinkRestPort;
    }

    /** Where Prometheus scrapes the JobManager's metrics. */
    public String jobManagerMetricsUrl() {
        return "http://localhost:" + jobManagerMetricsPort + "/metrics";
    }

    /** Where Prometheus scrapes the first TaskManager's metrics (the job's own among them). */
    public String taskManagerMetricsUrl() {
        return taskManagerMetricsUrl(1);
    }

    /** The Prometheus endpoint of TaskManager k (from 1). */
    public int taskManagerMetricsPort(int k) {
        return taskManagerMetricsPort + k - 1;
    }

    public String taskManagerMetricsUrl(int k) {
        return "http://localhost:" + taskManagerMetricsPort(k) + "/metrics";
    }
}
