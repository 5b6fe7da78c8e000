package io.kappa.cli;

import io.kappa.cassandra.Tables;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads the word-count tables of one output version (keyspace). */
public final class Results implements AutoCloseable {
    private final CassandraSettings settings;
    private final CassandraConnection connection;
    private final Session session;
    private final boolean ownsConnection;

    public record Count(long windowStart, long windowEnd, String word, long count) {}

    public Results(CassandraSettings settings) {
        this(settings, CassandraConnection.open(settings), true);
    }

    /** Reads {@code settings.keyspace()} through a connection the caller keeps open (and closes). */
    public Results(CassandraSettings settings, CassandraConnection shared) {
        this(settings, shared, false);
    }

    private Results(CassandraSettings settings, CassandraConnection connection, boolean ownsConnection) {
        this.settings = settings;
        this.connection = connection;
        this.session = connection.session();
        this.ownsConnection = ownsConnection;
    }

    private String table(String name) {
        return settings.keyspace() + "." + name;
    }

    private List<Row> query(String cql, Object... values) {
        try {
            return session.execute(cql, values).all();
        } catch (InvalidQueryException e) {
            throw new IllegalStateException("keyspace '" + settings.keyspace() + "' has no word-count tables ("
                    + e.getMessage() + "): is --keyspace right? (bin/kappa schema create)");
        }
    }

    /** Window starts that have rows, oldest first. */
    public List<Long> windows() {
        TreeSet<Long> starts = new TreeSet<>();
        for (Row r : query("SELECT DISTINCT window_start FROM " + table(Tables.WORD_COUNTS.name()))) {
            starts.add(r.getTimestamp(0).getTime());
        }
        return new ArrayList<>(starts);
    }

    /** The n most frequent words of a window, most frequent first (ties by word). */
    public List<Count> top(long windowStart, int n) {
        List<Count> counts = new ArrayList<>();
        for (Row r : query("SELECT window_start, word, window_end, count FROM "
                + table(Tables.WORD_COUNTS.name()) + " WHERE window_start = ?", new java.util.Date(windowStart))) {
            counts.add(count(r));
        }
        counts.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::word));
        return counts.subList(0, Math.min(n, counts.size()));
    }

    /** One word's counts, newest window first. */
    public List<Count> word(String word, int limit) {
        List<Count> counts = new ArrayList<>();
        for (Row r : query("SELECT window_start, word, window_end, count FROM " + table(Tables.WORD_COUNTS.name())
                + " WHERE word = ?", word)) { // through the storage-attached index on word
            counts.add(count(r));
        }
        counts.sort(Comparator.comparingLong(Count::windowStart).reversed());
        return counts.subList(0, Math.min(limit, counts.size()));
    }

    /** Every (window start, word) → count. */
    public Map<String, Long> all() {
        Map<String, Long> rows = new TreeMap<>();
        for (Row r : query("SELECT window_start, word, window_end, count FROM " + table(Tables.WORD_COUNTS.name()))) {
            Count c = count(r);
            rows.put(key(c.windowStart(), c.word()), c.count());
        }
        return rows;
    }

    /** The key of a row in {@link #all()}: window start (ISO-8601) and word. */
    public static String key(long windowStart, String word) {
        return java.time.Instant.ofEpochMilli(windowStart) + " " + word;
    }

    /** Sum of counts per window start, from rows keyed as in {@link #all()}. */
    public static Map<Long, Long> totals(Map<String, Long> rows) {
        Map<Long, Long> totals = new TreeMap<>();
        rows.forEach((k, v) -> totals.merge(java.time.Instant.parse(k.substring(0, k.indexOf(' '))).toEpochMilli(), v,
                Long::sum));
        return totals;
    }

    private static Count count(Row r) {
        return new Count(r.getTimestamp("window_start").getTime(), r.getTimestamp("window_end").getTime(),
                r.getString("word"), r.getLong("count"));
    }

    @Override
    public void close() {
        if (ownsConnection) {
            connection.close();
        }
    }
}
