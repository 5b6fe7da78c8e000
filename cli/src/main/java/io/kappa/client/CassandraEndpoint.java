package io.kappa.client;

import io.kappa.cassandra.CassandraSettings;
import java.util.Map;

/**
 * Where Cassandra is and how to log in (contact points, CQL port, client properties), apart from a keyspace: the
 * settings of any output version come from here.
 */
public record CassandraEndpoint(String hosts, int port, Map<String, String> properties) {
    public CassandraEndpoint {
        properties = Map.copyOf(properties);
    }

    /** The settings to read or make {@code keyspace}, replication factor 1. */
    public CassandraSettings keyspace(String keyspace) {
        return keyspace(keyspace, 1);
    }

    /** @throws IllegalArgumentException for a name that cannot be a keyspace */
    public CassandraSettings keyspace(String keyspace, int replicationFactor) {
        if (!CassandraSettings.isValidKeyspace(keyspace)) {
            throw new IllegalArgumentException("--keyspace must be a letter then up to 47 letters, digits or _, was '"
                    + keyspace + "'");
        }
        return new CassandraSettings(hosts, port, keyspace, replicationFactor, properties);
    }

    /** {@code hosts:port}; never the client properties. */
    @Override
    public String toString() {
        return hosts + ":" + port;
    }
}
