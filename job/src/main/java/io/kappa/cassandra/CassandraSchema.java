package io.kappa.cassandra;

import java.util.ArrayList;
import java.util.List;

/**
 * The DDL of one output version (keyspace) and of the serving table, made from the table definitions in
 * {@link Tables}. Created with IF NOT EXISTS by the job at start and by {@code bin/kappa schema create}.
 */
public final class CassandraSchema {
    private CassandraSchema() {}

    public static List<String> statements(String keyspace, int replicationFactor) {
        List<String> cql = new ArrayList<>();
        cql.add(createKeyspace(keyspace, replicationFactor));
        for (Table<?> t : Tables.OUTPUT) {
            cql.add(t.createStatement(keyspace));
        }
        // "this word over time" is read by key over the windows (partitions): an index on word would cost every write
        // as much again; a keyspace made before it was dropped loses it here
        cql.add("DROP INDEX IF EXISTS " + keyspace + "." + Tables.WORD_INDEX);
        return cql;
    }

    public static List<String> metaStatements(int replicationFactor) {
        return List.of(createKeyspace(Tables.META_KEYSPACE, replicationFactor),
                Tables.SERVING.createStatement(Tables.META_KEYSPACE), Tables.VERSIONS.createStatement(Tables.META_KEYSPACE));
    }

    private static String createKeyspace(String keyspace, int replicationFactor) {
        return "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
                + "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}";
    }

    /** Creates what is missing. Throws IllegalStateException with one clear line when Cassandra is unreachable. */
    public static void create(CassandraSettings settings) {
        try (CassandraConnection c = CassandraConnection.open(settings)) {
            int replicas = settings.replicationFactor(c.cluster());
            for (String cql : metaStatements(replicas)) {
                c.session().execute(cql);
            }
            for (String cql : statements(settings.keyspace(), replicas)) {
                c.session().execute(cql);
            }
        }
    }
}
