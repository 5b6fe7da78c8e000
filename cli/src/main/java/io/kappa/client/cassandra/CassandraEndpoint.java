package io.kappa.client.cassandra;

import io.kappa.cassandra.CassandraSettings;
import java.util.Map;

/**
 * Where Cassandra is and how to log in (contact points, CQL port, client properties), apart from a keyspace: the
 * settings of any output version come from here.
 */
public record CassandraEndpoint(String hosts, int port, Map<String, String> properties, String consistency) {
    public CassandraEndpoint {
        properties = Map.copyOf(properties);
    }

    public CassandraEndpoint(String hosts, int port, Map<String, String> properties) {
        this(hosts, port, properties, null);
    }

    /**
     * The settings to read or make {@code keyspace}: a new keyspace gets as many replicas as the cluster has nodes, at
     * most 3, and reads and writes the consistency given, else LOCAL_QUORUM with 3 replicas or more.
     */
    public CassandraSettings keyspace(String keyspace) {
        return keyspace(keyspace, 0);
    }

    /** @throws IllegalArgumentException for a name that cannot be a keyspace */
    public CassandraSettings keyspace(String keyspace, int replicationFactor) {
        io.kappa.cassandra.KeyspaceNames.require(keyspace, "--keyspace");
        return new CassandraSettings(hosts, port, keyspace, replicationFactor, properties).withConsistency(consistency);
    }

    /** {@code hosts:port}; never the client properties. */
    @Override
    public String toString() {
        return hosts + ":" + port;
    }
}
