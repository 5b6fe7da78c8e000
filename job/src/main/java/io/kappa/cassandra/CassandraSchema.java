package io.kappa.cassandra;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import java.util.List;

/**
 * The output tables of one output version (keyspace). Every table is keyed so that writing the same result
 * twice is an upsert: replays and restarts recompute rows, never add to them. Created with IF NOT EXISTS by
 * the job at start and by {@code bin/kappa schema create}.
 */
public final class CassandraSchema {
    private CassandraSchema() {}

    /** Word counts of a window, for "top N words of this window". */
    public static final String WORD_COUNTS_BY_WINDOW = "word_counts_by_window";
    /** Word counts of a word, newest window first, for "this word over time". */
    public static final String WORD_COUNTS_BY_WORD = "word_counts_by_word";

    public static List<String> statements(String keyspace, int replicationFactor) {
        return List.of(
                "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
                        + "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}",
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + WORD_COUNTS_BY_WINDOW + " ("
                        + "window_start timestamp, word text, window_end timestamp, count bigint, "
                        + "PRIMARY KEY ((window_start), word))",
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + WORD_COUNTS_BY_WORD + " ("
                        + "word text, window_start timestamp, window_end timestamp, count bigint, "
                        + "PRIMARY KEY ((word), window_start)) WITH CLUSTERING ORDER BY (window_start DESC)");
    }

    /** Creates what is missing. Throws IllegalStateException with one clear line when Cassandra is unreachable. */
    public static void create(CassandraSettings settings) {
        try (Cluster cluster = settings.clusterBuilder().build(); Session session = cluster.connect()) {
            for (String cql : statements(settings.keyspace(), settings.replicationFactor())) {
                session.execute(cql);
            }
        } catch (NoHostAvailableException e) {
            throw new IllegalStateException("cannot reach Cassandra at " + settings.hosts() + ":" + settings.port()
                    + " (--cassandra-hosts, --cassandra-port): is it running? (bin/kappa status)");
        }
    }
}
