package io.kappa.cassandra;

import com.datastax.driver.core.Cluster;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;

/** The connector's serialisable recipe for a driver {@link Cluster}, built on the task managers. */
public class KappaClusterBuilder extends ClusterBuilder {
    private static final long serialVersionUID = 1L;
    private final CassandraSettings settings;

    public KappaClusterBuilder(CassandraSettings settings) {
        this.settings = settings;
    }

    @Override
    protected Cluster buildCluster(Cluster.Builder builder) {
        Cluster.Builder b = settings.clusterBuilder();
        return b.build();
    }
}
