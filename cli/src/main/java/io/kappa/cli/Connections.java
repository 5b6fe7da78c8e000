package io.kappa.cli;

import io.kappa.cassandra.CassandraSettings;
import io.kappa.client.cassandra.CassandraEndpoint;
import io.kappa.core.ConnectionProperties;
import io.kappa.core.Settings;
import io.kappa.job.JobArgs;
import io.kappa.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where Kafka, Cassandra and Flink are, and how to log in: the options every command that talks to them shares,
 * declared once. Their values come from the command line, then {@code KAPPA_<OPTION>}, then the configuration file
 * ({@code --config}, {@link Settings}), then the local stack's addresses. Client properties and secrets come as for
 * the job: the configuration file's {@code kafka.*}/{@code cassandra.*} keys, a properties file, then
 * KAPPA_KAFKA_* / KAPPA_CASSANDRA_* environment variables, then --kafka-property / --cassandra-property (no secrets
 * there).
 */
public class Connections {
    /**
     * The options above, by name: the only ones whose values {@code bin/kappa} commands take from the environment and
     * the configuration file (the job reads all of its own options there).
     */
    public static final java.util.Set<String> OPTIONS = java.util.Arrays.stream(Connections.class.getDeclaredFields())
            .map(f -> f.getAnnotation(Option.class)).filter(java.util.Objects::nonNull).map(o -> o.names()[0])
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The Flink REST API's default: the local stack's. */
    public static final String LOCAL_FLINK = "http://localhost:8081";

    @Option(names = "--flink-url", defaultValue = LOCAL_FLINK,
            description = "the Flink session cluster's REST API (default: ${DEFAULT-VALUE})")
    public String flinkUrl = LOCAL_FLINK;

    /** Where options not given come from; set by {@link KappaCli} for the command line it runs. */
    public Settings settings = Settings.none();
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    public String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--kafka-properties-file", paramLabel = "<file>",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*); see docs/security.md")
    public Path kafkaPropertiesFile;

    @Option(names = "--kafka-property", paramLabel = "<key=value>",
            description = "one more Kafka client property (repeatable); secrets are refused here")
    public Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--cassandra-hosts", defaultValue = "127.0.0.1",
            description = "Cassandra contact points (default: ${DEFAULT-VALUE})")
    public String cassandraHosts = "127.0.0.1";

    @Option(names = "--cassandra-port", defaultValue = "9042", description = "CQL port (default: ${DEFAULT-VALUE})")
    public int cassandraPort = 9042;

    @Option(names = "--cassandra-properties-file", paramLabel = "<file>",
            description = "Cassandra client properties (username, password, ssl, ssl.truststore.*)")
    public Path cassandraPropertiesFile;

    @Option(names = "--cassandra-property", paramLabel = "<key=value>",
            description = "one more Cassandra client property (repeatable); secrets are refused here")
    public Map<String, String> cassandraProperties = new LinkedHashMap<>();

    @Option(names = "--cassandra-consistency", paramLabel = "<level>",
            description = "consistency of reads and writes (LOCAL_QUORUM, LOCAL_ONE, …); default: LOCAL_QUORUM where "
                    + "the keyspace has 3 replicas or more, else LOCAL_ONE")
    public String cassandraConsistency;

    /** Where KAPPA_KAFKA_* and KAPPA_CASSANDRA_* come from (tests set it). */
    public Map<String, String> environment = System.getenv();

    public KafkaSettings kafka() {
        return new KafkaSettings(bootstrapServers,
                ConnectionProperties.kafka(settings, kafkaPropertiesFile, environment, kafkaProperties));
    }

    /** Cassandra's address and client properties, for any keyspace. */
    public CassandraEndpoint cassandra() {
        return new CassandraEndpoint(cassandraHosts, cassandraPort,
                ConnectionProperties.cassandra(settings, cassandraPropertiesFile, environment, cassandraProperties),
                cassandraConsistency == null ? null : cassandraConsistency.toUpperCase(java.util.Locale.ROOT));
    }

    /** @throws IllegalArgumentException for a name that cannot be a keyspace */
    public CassandraSettings cassandra(String keyspace, int replicationFactor) {
        return cassandra().keyspace(keyspace, replicationFactor);
    }

    /**
     * The job's arguments pointed at the same servers: bootstrap servers, Cassandra's contact points and port, the
     * client properties files and the configuration file (as absolute paths: the job may run elsewhere, and reads the
     * secrets there itself). Properties given one by one and environment variables stay with bin/kappa; the job reads
     * its own environment.
     */
    public JobArgs pointJobAt(JobArgs args) {
        args.kafka(bootstrapServers).cassandra(cassandraHosts, cassandraPort);
        if (settings.file() != null) {
            Path config = settings.file().toAbsolutePath();
            args.with(o -> o.config = config);
        }
        if (cassandraConsistency != null) {
            args.with(o -> o.cassandraConsistency = cassandraConsistency);
        }
        if (kafkaPropertiesFile != null) {
            args.kafkaPropertiesFile(kafkaPropertiesFile.toAbsolutePath());
        }
        if (cassandraPropertiesFile != null) {
            args.cassandraPropertiesFile(cassandraPropertiesFile.toAbsolutePath());
        }
        return args;
    }
}
