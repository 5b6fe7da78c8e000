package io.kappa.stack;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.policies.DCAwareRoundRobinPolicy;
import com.datastax.driver.core.policies.WhiteListPolicy;
import io.kappa.cassandra.CassandraSettings;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one Cassandra node knows of the ring, read over CQL from its {@code system_views.gossip_info}: for every node,
 * the generation of its gossip (a new one each time it starts) and its status. A node that started is part of the
 * cluster once every other node has its new generation with the status NORMAL: only then may the next one join.
 */
final class CassandraGossip {
    /** One node as another sees it. */
    record Entry(String address, long generation, String status) {
        boolean normal() {
            return status != null && status.startsWith("NORMAL");
        }
    }

    private CassandraGossip() {}

    /** A connection to this node only (the driver would otherwise spread queries over the ring). */
    static Cluster connect(String address, int port, Map<String, String> client) {
        CassandraSettings settings = new CassandraSettings(address, port, "system", 1, client);
        return settings.clusterBuilder().withLoadBalancingPolicy(new WhiteListPolicy(DCAwareRoundRobinPolicy.builder().build(),
                List.of(new InetSocketAddress(address, port)))).build();
    }

    /** The node's view by address, or empty when it does not answer. */
    static Optional<Map<String, Entry>> viewOf(String address, int port, Map<String, String> client) {
        try (Cluster cluster = connect(address, port, client); Session session = cluster.connect()) {
            Map<String, Entry> view = new HashMap<>();
            for (Row r : session.execute("SELECT * FROM system_views.gossip_info")) {
                String a = r.getInet("address").getHostAddress();
                String status = r.getColumnDefinitions().contains("status_with_port") && r.getString("status_with_port") != null
                        ? r.getString("status_with_port") : r.getString("status");
                view.put(a, new Entry(a, r.getInt("generation"), status));
            }
            return Optional.of(view);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Whether the other node's view has {@code self} (as it sees itself) NORMAL, with the same generation. */
    static boolean sees(Map<String, Entry> other, Entry self) {
        Entry seen = other.get(self.address());
        return seen != null && seen.generation() == self.generation() && seen.normal();
    }

    /** Node k of n's token: the ring split evenly, node 1 at 0 (where a single node always was). */
    static long token(int k, int n) {
        return BigInteger.ONE.shiftLeft(64).divide(BigInteger.valueOf(n)).multiply(BigInteger.valueOf(k - 1)).longValue();
    }
}
