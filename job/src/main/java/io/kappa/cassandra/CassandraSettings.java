package io.kappa.cassandra;

import com.datastax.driver.core.Cluster;
import java.io.Serializable;
import java.util.Arrays;
import java.util.regex.Pattern;

/** How to reach Cassandra and which output version (keyspace) to use. */
public final class CassandraSettings implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern KEYSPACE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

    private final String hosts;
    private final int port;
    private final String keyspace;
    private final int replicationFactor;

    public CassandraSettings(String hosts, int port, String keyspace, int replicationFactor) {
        this.hosts = hosts;
        this.port = port;
        this.keyspace = keyspace;
        this.replicationFactor = replicationFactor;
    }

    public static boolean isValidKeyspace(String name) {
        return name != null && KEYSPACE.matcher(name).matches();
    }

    public String hosts() {
        return hosts;
    }

    public int port() {
        return port;
    }

    public String keyspace() {
        return keyspace;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    /** A driver cluster builder with the contact points and port; callers add what they need and build. */
    public Cluster.Builder clusterBuilder() {
        return Cluster.builder()
                .addContactPoints(Arrays.stream(hosts.split(",")).map(String::trim).toArray(String[]::new))
                .withPort(port)
                .withoutJMXReporting();
    }

    @Override
    public String toString() {
        return hosts + ":" + port + "/" + keyspace;
    }
}
