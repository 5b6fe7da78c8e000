package io.kappa.cassandra;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.exceptions.AuthenticationException;
import com.datastax.driver.core.exceptions.NoHostAvailableException;

/** A driver session for client-side work (schema, queries), failing with one line that names the options. */
public record CassandraConnection(Cluster cluster, Session session) implements AutoCloseable {

    public static CassandraConnection open(CassandraSettings settings) {
        Cluster cluster = settings.clusterBuilder().build();
        try {
            Session session = cluster.connect();
            cluster.getConfiguration().getQueryOptions().setConsistencyLevel(settings.consistency(cluster));
            return new CassandraConnection(cluster, session);
        } catch (AuthenticationException e) {
            cluster.close();
            throw new IllegalStateException("Cassandra at " + settings.hosts() + ":" + settings.port()
                    + " refused the credentials: check username and password in --cassandra-properties-file or "
                    + "KAPPA_CASSANDRA_USERNAME / KAPPA_CASSANDRA_PASSWORD");
        } catch (NoHostAvailableException e) {
            cluster.close();
            // with TLS the first error says why the handshake failed (a certificate the truststore does not trust)
            String why = !settings.ssl() ? "" : e.getErrors().values().stream().findFirst()
                    .map(t -> " (TLS: " + t.getMessage() + ")").orElse("");
            throw new IllegalStateException("cannot reach Cassandra at " + settings.hosts() + ":" + settings.port()
                    + " (--cassandra-hosts, --cassandra-port): is it running? (bin/kappa status)" + why);
        }
    }

    @Override
    public void close() {
        session.close();
        cluster.close();
    }
}
