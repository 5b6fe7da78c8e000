package io.kappa.client.cassandra;

import com.datastax.driver.core.Row;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.cassandra.Table;
import io.kappa.cassandra.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads the word-count table ({@link Tables#WORD_COUNTS}) of one output version (keyspace). */
public final class WordCounts extends KeyspaceReader {
    private static final Table<?> TABLE = Tables.WORD_COUNTS;
    private static final List<String> COLUMNS = TABLE.columnNames();
    /** The partition key: a window's rows are one partition. */
    private static final String WINDOW_START = COLUMNS.get(0);
    /** The clustering column: the word. */
    private static final String WORD = COLUMNS.get(TABLE.partitionKeyColumns());
    /** The count: the table's last column. */
    private static final String COUNT = COLUMNS.get(COLUMNS.size() - 1);

    /** One row. */
    public record Count(long windowStart, long windowEnd, String word, long count) {}

    /** A count and when it was written (the CQL write time, in microseconds). */
    public record Written(long count, long writeTimeMicros) {}

    private static final RowMapper<Count> COUNTS = RowMapper.of(TABLE, Count.class);

    public WordCounts(CassandraSettings settings) {
        super(settings, null, "word-count");
    }

    /** Reads {@code settings.keyspace()} through a connection the caller keeps open (and closes). */
    public WordCounts(CassandraSettings settings, CassandraConnection shared) {
        super(settings, shared, "word-count");
    }

    /** Window starts that have rows, oldest first. */
    public List<Long> windows() {
        TreeSet<Long> starts = new TreeSet<>();
        for (Row r : query("SELECT DISTINCT " + WINDOW_START + " FROM " + TABLE.in(keyspace()))) {
            starts.add(r.getTimestamp(0).getTime());
        }
        return new ArrayList<>(starts);
    }

    /** Every row of a window. */
    public List<Count> window(long windowStart) {
        return COUNTS.map(select(TABLE, wherePartitionKey(TABLE), new Date(windowStart)));
    }

    /** The n most frequent words of a window, most frequent first (ties by word). */
    public List<Count> top(long windowStart, int n) {
        List<Count> counts = new ArrayList<>(window(windowStart));
        counts.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::word));
        return counts.subList(0, Math.min(n, counts.size()));
    }

    /**
     * One word's counts in the newest {@code windows} windows that have rows, newest first (windows without the word
     * left out). Read by key, partition by partition: the windows are the partitions, so no index on the word is
     * needed (an index would cost every write as much again: docs/benchmarks.md).
     */
    public List<Count> word(String word, int windows) {
        List<Long> starts = windows();
        List<Object> keys = new ArrayList<>();
        for (int i = starts.size() - 1; i >= 0 && keys.size() < windows; i--) {
            keys.add(new Date(starts.get(i)));
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Object> values = new ArrayList<>(keys);
        values.add(word);
        List<Count> counts = new ArrayList<>(COUNTS.map(select(TABLE, " WHERE " + WINDOW_START + " IN ("
                + String.join(", ", java.util.Collections.nCopies(keys.size(), "?")) + ") AND " + WORD + " = ?",
                values.toArray())));
        counts.sort(Comparator.comparingLong(Count::windowStart).reversed());
        return counts;
    }

    /** The sum of a window's counts, added up by Cassandra. */
    public long sum(long windowStart) {
        return query("SELECT sum(" + COUNT + ") FROM " + TABLE.in(keyspace()) + wherePartitionKey(TABLE),
                new Date(windowStart)).get(0).getLong(0);
    }

    /** A window's counts with their write times. */
    public List<Written> written(long windowStart) {
        List<Written> written = new ArrayList<>();
        for (Row r : query("SELECT " + COUNT + ", writetime(" + COUNT + ") FROM " + TABLE.in(keyspace())
                + wherePartitionKey(TABLE), new Date(windowStart))) {
            written.add(new Written(r.getLong(0), r.getLong(1)));
        }
        return written;
    }

    /** Every row. */
    public List<Count> rows() {
        return COUNTS.map(select(TABLE, ""));
    }

    /** Every (window start, word) → count, keyed by {@link #key}. */
    public Map<String, Long> all() {
        Map<String, Long> rows = new TreeMap<>();
        for (Count c : COUNTS.map(select(TABLE, ""))) {
            rows.put(key(c.windowStart(), c.word()), c.count());
        }
        return rows;
    }

    /** The key of a row in {@link #all()}: window start (ISO-8601) and word. */
    public static String key(long windowStart, String word) {
        return Instant.ofEpochMilli(windowStart) + " " + word;
    }

    /** The window start of a key made by {@link #key}. */
    public static long windowStartOf(String key) {
        return Instant.parse(key.substring(0, key.indexOf(' '))).toEpochMilli();
    }

    /** Sum of counts per window start, from rows keyed as in {@link #all()}. */
    public static Map<Long, Long> totals(Map<String, Long> rows) {
        Map<Long, Long> totals = new TreeMap<>();
        rows.forEach((k, v) -> totals.merge(windowStartOf(k), v, Long::sum));
        return totals;
    }
}
