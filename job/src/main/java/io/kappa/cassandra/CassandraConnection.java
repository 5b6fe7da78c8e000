package io.kappa.cassandra;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.exceptions.NoHostAvailableException;

/** A driver session for client-side work (schema, queries), failing with one line that names the options. */
public record CassandraConnection(Cluster cluster, Session session) implements AutoCloseable {

    public static CassandraConnection open(CassandraSettings settings) {
        Cluster cluster = settings.clusterBuilder().build();
        try {
            return new CassandraConnection(cluster, cluster.connect());
        } catch (NoHostAvailableException e) {
            cluster.close();
            throw new IllegalStateException("cannot reach Cassandra at " + settings.hosts() + ":" + settings.port()
                    + " (--cassandra-hosts, --cassandra-port): is it running? (bin/kappa status)");
        }
    }

    @Override
    public void close() {
        session.close();
        cluster.close();
    }
}
