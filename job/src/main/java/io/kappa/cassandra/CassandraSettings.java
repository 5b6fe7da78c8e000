package io.kappa.cassandra;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.KeyspaceMetadata;
import com.datastax.driver.core.NettyOptions;
import com.datastax.driver.core.RemoteEndpointAwareJdkSSLOptions;
import com.datastax.shaded.netty.bootstrap.Bootstrap;
import com.datastax.shaded.netty.buffer.UnpooledByteBufAllocator;
import com.datastax.shaded.netty.channel.ChannelOption;
import io.kappa.core.InvalidOptionException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach Cassandra and which output version (keyspace) to use. Client properties (from
 * {@code --cassandra-properties-file}, {@code KAPPA_CASSANDRA_*} variables or {@code --cassandra-property}):
 * {@code username}, {@code password}, {@code ssl} (true|false), {@code ssl.truststore.location},
 * {@code ssl.truststore.password}, {@code ssl.truststore.type}. {@link #toString} never shows them.
 */
public final class CassandraSettings implements Serializable {
    private static final long serialVersionUID = 2L;
    public static final Set<String> CLIENT_PROPERTIES = Set.of("username", "password", "ssl",
            "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type");

    private final String hosts;
    private final int port;
    private final String keyspace;
    private final int replicationFactor;
    private final LinkedHashMap<String, String> client;
    /** null: chosen from the keyspace's replication ({@link #consistency(Cluster)}). */
    private final String consistency;

    public CassandraSettings(String hosts, int port, String keyspace, int replicationFactor) {
        this(hosts, port, keyspace, replicationFactor, Map.of());
    }

    /** The same connection, for another keyspace. */
    public CassandraSettings withKeyspace(String otherKeyspace) {
        return new CassandraSettings(hosts, port, otherKeyspace, replicationFactor, client, consistency);
    }

    /** @param level a consistency level (LOCAL_QUORUM, ONE, …), or null to choose it from the keyspace's replication */
    public CassandraSettings withConsistency(String level) {
        return new CassandraSettings(hosts, port, keyspace, replicationFactor, client, level);
    }

    /** @throws InvalidOptionException for an unknown client property or an {@code ssl} that is not true/false */
    public CassandraSettings(String hosts, int port, String keyspace, int replicationFactor,
                             Map<String, String> clientProperties) {
        this(hosts, port, keyspace, replicationFactor, clientProperties, null);
    }

    /**
     * @param replicationFactor of the keyspaces it creates; 0: as many replicas as the cluster has nodes, at most 3
     * @param consistency       of reads and writes, or null for LOCAL_QUORUM where the keyspace has 3 replicas or more
     *                          and LOCAL_ONE otherwise
     */
    private CassandraSettings(String hosts, int port, String keyspace, int replicationFactor,
                              Map<String, String> clientProperties, String consistency) {
        this.hosts = hosts;
        this.port = port;
        this.keyspace = keyspace;
        this.replicationFactor = replicationFactor;
        this.consistency = consistency;
        if (consistency != null) {
            try {
                ConsistencyLevel.valueOf(consistency);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException("--cassandra-consistency must be one of "
                        + Arrays.toString(ConsistencyLevel.values()) + ", was '" + consistency + "'");
            }
        }
        this.client = new LinkedHashMap<>(clientProperties);
        client.keySet().stream().filter(k -> !CLIENT_PROPERTIES.contains(k)).findFirst().ifPresent(k -> {
            throw new InvalidOptionException("unknown Cassandra client property '" + k + "' (known: "
                    + String.join(", ", CLIENT_PROPERTIES.stream().sorted().toList()) + ")");
        });
        String ssl = client.getOrDefault("ssl", "false");
        if (!ssl.equalsIgnoreCase("true") && !ssl.equalsIgnoreCase("false")) {
            throw new InvalidOptionException("Cassandra client property ssl must be true or false, was '" + ssl + "'");
        }
        if (client.containsKey("password") && !client.containsKey("username")) {
            throw new InvalidOptionException("a Cassandra password was given without a username (client property "
                    + "username, or KAPPA_CASSANDRA_USERNAME)");
        }
    }

    /**
     * The driver's Netty on unpooled heap buffers. Its default, pooled direct memory, is a pool per job (each job
     * loads the driver in its own class loader) that lives until a garbage collection finds it: on a session
     * cluster's TaskManager, a few Cassandra-heavy jobs in a row exhausted the direct memory ("Cannot reserve
     * 4194304 bytes of direct buffer memory") and the next job could not connect.
     */
    private static final NettyOptions HEAP_BUFFERS = new NettyOptions() {
        @Override
        public void afterBootstrapInitialized(Bootstrap bootstrap) {
            bootstrap.option(ChannelOption.ALLOCATOR, new UnpooledByteBufAllocator(false));
        }
    };

    /** {@link KeyspaceNames}: the one rule for a version's keyspace. */
    public static boolean isValidKeyspace(String name) {
        return KeyspaceNames.isValid(name);
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

    /** The replication factor given (0: automatic, see {@link #replicationFactor(Cluster)}). */
    public int replicationFactor() {
        return replicationFactor;
    }

    /** The replication factor for new keyspaces: the one given, else as many as the cluster has nodes, at most 3. */
    public int replicationFactor(Cluster cluster) {
        return replicationFactor > 0 ? replicationFactor : Math.max(1, Math.min(3, cluster.getMetadata().getAllHosts().size()));
    }

    /**
     * The consistency of reads and writes: the one given, else LOCAL_QUORUM where the keyspace has 3 replicas or more
     * (a write survives one lost node and every read sees it) and LOCAL_ONE where it has fewer.
     */
    public ConsistencyLevel consistency(Cluster cluster) {
        if (consistency != null) {
            return ConsistencyLevel.valueOf(consistency);
        }
        KeyspaceMetadata ks = cluster.getMetadata().getKeyspace(keyspace);
        int replicas = 1;
        if (ks != null) {
            for (Map.Entry<String, String> e : ks.getReplication().entrySet()) {
                if (e.getKey().equals("replication_factor") || !e.getKey().equals("class")) {
                    try {
                        replicas = Math.max(replicas, Integer.parseInt(e.getValue()));
                    } catch (NumberFormatException ignored) {
                        // the class name
                    }
                }
            }
        }
        return replicas >= 3 ? ConsistencyLevel.LOCAL_QUORUM : ConsistencyLevel.LOCAL_ONE;
    }

    public boolean ssl() {
        return Boolean.parseBoolean(client.getOrDefault("ssl", "false"));
    }

    /** The client properties (username, password, TLS): never print them, use {@link #toString()}. */
    public java.util.Map<String, String> clientProperties() {
        return java.util.Collections.unmodifiableMap(client);
    }

    /** A driver cluster builder with the contact points, port, credentials and SSL; callers add what they need. */
    public Cluster.Builder clusterBuilder() {
        Cluster.Builder b = Cluster.builder()
                .addContactPoints(Arrays.stream(hosts.split(",")).map(String::trim).toArray(String[]::new))
                .withPort(port)
                .withoutJMXReporting()
                .withNettyOptions(HEAP_BUFFERS);
        if (client.containsKey("username")) {
            b.withCredentials(client.get("username"), client.getOrDefault("password", ""));
        }
        if (ssl()) {
            b.withSSL(RemoteEndpointAwareJdkSSLOptions.builder().withSSLContext(sslContext()).build());
        }
        return b;
    }

    /** The JVM's default trust, or the truststore named by {@code ssl.truststore.location}. */
    private SSLContext sslContext() {
        String location = client.get("ssl.truststore.location");
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (location == null) {
                context.init(null, null, null);
                return context;
            }
            KeyStore store = KeyStore.getInstance(client.getOrDefault("ssl.truststore.type", KeyStore.getDefaultType()));
            String password = client.get("ssl.truststore.password");
            try (InputStream in = Files.newInputStream(Path.of(location))) {
                store.load(in, password == null ? null : password.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            // the message of a KeyStore failure names the problem ("keystore password was incorrect"), never the value
            throw new IllegalStateException("cannot use the Cassandra truststore " + location
                    + " (client property ssl.truststore.location): " + e.getMessage());
        }
    }

    /** Hosts, port and keyspace; never the client properties. */
    @Override
    public String toString() {
        return hosts + ":" + port + "/" + keyspace;
    }
}
