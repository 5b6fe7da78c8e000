package io.kappa.cassandra;

import io.kappa.words.WindowedWordCount;
import java.time.Duration;
import java.util.Date;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.connectors.cassandra.CassandraSink;

/**
 * Upserts window counts into both word-count tables through the official connector. Writes are asynchronous
 * with a bound on in-flight requests (back-pressure instead of unbounded memory); a checkpoint waits for all
 * of them; a failed write fails the job, which restarts from the last checkpoint and writes again (the rows
 * are upserts, so writing again is harmless). Two updates of one row are ordered by the driver's client-side
 * write timestamps, so the later count wins even if the requests overtake each other.
 */
public final class CassandraWordCountSink {
    private CassandraWordCountSink() {}

    public static void write(DataStream<WindowedWordCount> counts, CassandraSettings settings, int maxConcurrentWrites) {
        DataStream<Tuple4<Date, String, Date, Long>> rows = counts
                .map(new ToRow()).name("To Cassandra row").uid("word-count-to-row");
        String columns = " (window_start, word, window_end, count) VALUES (?, ?, ?, ?)";
        for (String table : new String[] {CassandraSchema.WORD_COUNTS_BY_WINDOW, CassandraSchema.WORD_COUNTS_BY_WORD}) {
            try {
                CassandraSink.addSink(rows)
                        .setQuery("INSERT INTO " + settings.keyspace() + "." + table + columns)
                        .setClusterBuilder(new KappaClusterBuilder(settings))
                        .setMaxConcurrentRequests(maxConcurrentWrites, Duration.ofMinutes(1))
                        .build()
                        .name("Cassandra: " + table)
                        .uid("cassandra-" + table.replace('_', '-'));
            } catch (Exception e) {
                throw new IllegalStateException("cannot configure the Cassandra sink for " + table, e);
            }
        }
    }

    /** (window_start, word, window_end, count) in the driver's types. */
    public static class ToRow implements MapFunction<WindowedWordCount, Tuple4<Date, String, Date, Long>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple4<Date, String, Date, Long> map(WindowedWordCount c) {
            return Tuple4.of(new Date(c.windowStart), c.word, new Date(c.windowEnd), c.count);
        }
    }
}
