package io.kappa.cli;

import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.exceptions.DriverException;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSchema;
import io.kappa.cassandra.CassandraSettings;
import java.util.Optional;

/**
 * The output version readers use: {@code kappa_meta.serving}, one row ("default") naming a keyspace.
 * {@code bin/kappa promote} sets it; the query commands read it when no --keyspace is given.
 */
public final class Serving {
    public static final String NAME = "default";
    public static final String FALLBACK = "kappa";

    private Serving() {}

    public static Optional<String> current(CassandraSettings any) {
        try (CassandraConnection c = CassandraConnection.open(any)) {
            Row r = c.session().execute("SELECT keyspace_name FROM " + CassandraSchema.META_KEYSPACE + "." + CassandraSchema.SERVING
                    + " WHERE name = ?", NAME).one();
            return Optional.ofNullable(r == null ? null : r.getString(0));
        } catch (DriverException | IllegalStateException e) {
            return Optional.empty(); // no meta keyspace yet (nothing was promoted), or no Cassandra: the default
        }
    }

    /** The keyspace to read: the one given, else the promoted one, else "kappa". */
    public static String resolve(String given, Connections c) {
        if (given != null) {
            return given;
        }
        return current(c.cassandra(FALLBACK, 1)).orElse(FALLBACK);
    }

    public static void promote(CassandraSettings target) {
        try (CassandraConnection c = CassandraConnection.open(target)) {
            Session s = c.session();
            if (c.cluster().getMetadata().getKeyspace(target.keyspace()) == null) {
                throw new IllegalArgumentException("keyspace '" + target.keyspace() + "' does not exist: nothing to promote");
            }
            for (String cql : CassandraSchema.metaStatements(1)) {
                s.execute(cql);
            }
            s.execute("INSERT INTO " + CassandraSchema.META_KEYSPACE + "." + CassandraSchema.SERVING
                    + " (name, keyspace_name, promoted_at) VALUES (?, ?, toTimestamp(now()))", NAME, target.keyspace());
        }
    }
}
