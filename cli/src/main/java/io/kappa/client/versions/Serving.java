package io.kappa.client.versions;

import io.kappa.client.cassandra.KeyspaceReader;
import io.kappa.client.cassandra.RowMapper;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.KeyspaceMetadata;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.exceptions.DriverException;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSchema;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.cassandra.Tables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The output version readers use: {@code kappa_meta.serving} ({@link Tables#SERVING}), one row ("default") naming a
 * keyspace. {@code bin/kappa promote} sets it; the query commands and the dashboard read it when no keyspace is given.
 */
public final class Serving {
    public static final String NAME = "default";
    public static final String FALLBACK = "kappa";

    /** The row of {@link Tables#SERVING}. */
    public record Promotion(String name, String keyspaceName, Long promotedAt) {}

    private static final RowMapper<Promotion> PROMOTION = RowMapper.of(Tables.SERVING, Promotion.class);

    private Serving() {}

    /** The promoted keyspace; empty when nothing was promoted or Cassandra cannot be reached. */
    public static Optional<String> current(CassandraSettings any) {
        try (CassandraConnection c = CassandraConnection.open(any)) {
            return current(c.session());
        } catch (DriverException | IllegalStateException e) {
            return Optional.empty(); // no Cassandra: the default
        }
    }

    /** The promoted keyspace, read through an open session; empty when nothing was promoted. */
    public static Optional<String> current(Session session) {
        try {
            Row r = session.execute(Tables.SERVING.select(Tables.META_KEYSPACE)
                    + KeyspaceReader.wherePartitionKey(Tables.SERVING), NAME).one();
            return Optional.ofNullable(r == null ? null : PROMOTION.map(r).keyspaceName());
        } catch (DriverException e) {
            return Optional.empty(); // no meta keyspace yet (nothing was promoted)
        }
    }

    /** The keyspace to read when none is given: the promoted one, else {@value #FALLBACK}. */
    public static String served(CassandraSettings any) {
        return current(any).orElse(FALLBACK);
    }

    /** The output versions: keyspaces that have the word-count or the weather tables, by name. */
    public static List<String> versions(Cluster cluster) {
        List<String> names = new ArrayList<>();
        for (KeyspaceMetadata ks : cluster.getMetadata().getKeyspaces()) {
            if (ks.getTable(Tables.WORD_COUNTS.name()) != null || ks.getTable(Tables.WEATHER_LATEST.name()) != null) {
                names.add(ks.getName());
            }
        }
        Collections.sort(names);
        return names;
    }

    /** Makes {@code target.keyspace()} the served version. */
    public static void promote(CassandraSettings target) {
        try (CassandraConnection c = CassandraConnection.open(target)) {
            Session s = c.session();
            if (c.cluster().getMetadata().getKeyspace(target.keyspace()) == null) {
                throw new IllegalArgumentException("keyspace '" + target.keyspace() + "' does not exist: nothing to promote");
            }
            for (String cql : CassandraSchema.metaStatements(target.replicationFactor(c.cluster()))) {
                s.execute(cql);
            }
            s.execute("INSERT INTO " + Tables.SERVING.in(Tables.META_KEYSPACE) + " ("
                    + String.join(", ", Tables.SERVING.columnNames()) + ") VALUES (?, ?, toTimestamp(now()))",
                    NAME, target.keyspace());
        }
    }
}
