package io.kappa.cli;

import io.kappa.cassandra.CassandraSettings;
import io.kappa.kafka.KafkaSettings;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where Kafka and Cassandra are: the local stack's addresses unless told otherwise. */
public class Connections {
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    public String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--cassandra-hosts", defaultValue = "127.0.0.1",
            description = "Cassandra contact points (default: ${DEFAULT-VALUE})")
    public String cassandraHosts = "127.0.0.1";

    @Option(names = "--cassandra-port", defaultValue = "9042", description = "CQL port (default: ${DEFAULT-VALUE})")
    public int cassandraPort = 9042;

    public KafkaSettings kafka() {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    public CassandraSettings cassandra(String keyspace, int replicationFactor) {
        if (!CassandraSettings.isValidKeyspace(keyspace)) {
            throw new IllegalArgumentException("--keyspace must be a letter then up to 47 letters, digits or _, was '"
                    + keyspace + "'");
        }
        return new CassandraSettings(cassandraHosts, cassandraPort, keyspace, replicationFactor);
    }
}
