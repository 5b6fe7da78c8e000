package io.kappa.client.cassandra;

import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSchema;
import io.kappa.cassandra.CassandraSettings;

/** Output versions (keyspaces) as a whole: made with their tables, or dropped. */
public final class Keyspaces {
    private Keyspaces() {}

    /** The keyspace of {@code settings} and its tables, IF NOT EXISTS. */
    public static void create(CassandraSettings settings) {
        CassandraSchema.create(settings);
    }

    /** Drops the keyspaces that exist, connecting with {@code settings}. */
    public static void drop(CassandraSettings settings, String... keyspaces) {
        try (CassandraConnection c = CassandraConnection.open(settings)) {
            for (String keyspace : keyspaces) {
                c.session().execute("DROP KEYSPACE IF EXISTS " + keyspace);
            }
        }
    }
}
