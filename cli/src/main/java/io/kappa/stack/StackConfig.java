package io.kappa.stack;

import java.nio.file.Path;

/**
 * Where the local stack's jars, configuration and state live, and its ports. {@link #defaults} is what
 * {@code bin/kappa up} uses; tests use {@link #forTests} (free ports, a temporary folder) so they never collide
 * with a stack a user left running.
 *
 * @param home the project checkout: server jars in {@code stack/*}{@code /target/lib}, Flink config in {@code flink-conf/}
 * @param stateDir data, logs and pid files
 * @param jobManagerMetricsPort the JobManager's Prometheus endpoint ({@code metrics.reporter.prom.port})
 * @param taskManagerMetricsPort the TaskManager's Prometheus endpoint
 * @param throwawayData Cassandra without fsync and with an unsafe system keyspace: faster, for tests only
 * @param security null for plain loopback connections; else SASL_SSL for Kafka, passwords and TLS for Cassandra
 */
public record StackConfig(Path home, Path stateDir, int kafkaPort, int kafkaControllerPort, int cassandraPort,
                          int cassandraStoragePort, int flinkRestPort, int flinkRpcPort, int jobManagerMetricsPort,
                          int taskManagerMetricsPort, boolean throwawayData, StackSecurity security) {

    public static StackConfig defaults(Path home) {
        return new StackConfig(home, home.resolve(".kappa"), 9092, 9093, 9042, 7000, 8081, 6123, 9249, 9250,
                false, null);
    }

    public static StackConfig forTests(Path home, Path stateDir) {
        return new StackConfig(home, stateDir, Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), true, null);
    }

    /** The same stack with its servers secured (keys and passwords generated under the state folder). */
    public StackConfig secured() {
        return new StackConfig(home, stateDir, kafkaPort, kafkaControllerPort, cassandraPort, cassandraStoragePort,
                flinkRestPort, flinkRpcPort, jobManagerMetricsPort, taskManagerMetricsPort, throwawayData,
                StackSecurity.generate(stateDir.resolve("security")));
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

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String flinkRestUrl() {
        return "http://localhost:" + flinkRestPort;
    }

    /** Where Prometheus scrapes the JobManager's metrics. */
    public String jobManagerMetricsUrl() {
        return "http://localhost:" + jobManagerMetricsPort + "/metrics";
    }

    /** Where Prometheus scrapes the TaskManager's metrics (the job's own among them). */
    public String taskManagerMetricsUrl() {
        return "http://localhost:" + taskManagerMetricsPort + "/metrics";
    }
}
