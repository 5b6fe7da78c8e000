package io.kappa.cassandra;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.connectors.cassandra.CassandraSink;
import org.apache.flink.types.Row;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes a stream into Cassandra tables as upserts ({@code INSERT} of the whole row, keyed by the table's
 * primary key) through the official connector: asynchronous, at most {@code maxConcurrentWrites} in flight
 * per subtask (back-pressure beyond), flushed on every checkpoint; a failed write fails the job, which
 * restarts from its last checkpoint and writes again.
 *
 * <p>Without a write timestamp, two writes of one row are ordered by the driver's client-side timestamps
 * (monotonic per sink), so the later one wins even if the requests overtake each other. With one
 * ({@code USING TIMESTAMP}), the row keeps the value with the highest timestamp whatever the order of writes:
 * used with event time, an older reading never replaces a newer one, in live or in replay.
 */
public final class CassandraUpserts {
    private CassandraUpserts() {}

    /** Upserts every element as a row of {@code table}, one request per row. */
    public static <T> void write(DataStream<T> stream, CassandraSettings settings, int maxConcurrentWrites,
                                 Table<T> table) {
        String uid = table.name().replace('_', '-');
        DataStream<Row> rows = stream
                .map(new ToRow<>(table))
                .returns(new RowTypeInfo(table.rowTypes()))
                .name("To row: " + table.name()).uid("to-row-" + uid);
        try {
            CassandraSink.addSink(rows)
                    .setQuery(table.insert(settings.keyspace()))
                    .setClusterBuilder(new KappaClusterBuilder(settings))
                    .setMaxConcurrentRequests(maxConcurrentWrites, Duration.ofMinutes(1))
                    .build()
                    .name("Cassandra: " + table.name())
                    .uid("cassandra-" + uid);
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure the Cassandra sink for " + table.name(), e);
        }
    }

    /**
     * Rows per unlogged batch: about 10 KB of word counts, a fifth of Cassandra's default batch size limit
     * (batch_size_fail_threshold 50 KiB). Large batches matter: each one rewrites its partition in the memtable,
     * and many small concurrent ones to one partition make Cassandra churn its heap (measured: docs/benchmarks.md).
     */
    static final int BATCH_ROWS = 200;
    /**
     * The values of one batch at most: well under Cassandra's default batch_size_fail_threshold (50 KiB), which refuses
     * a larger batch outright, whatever its rows (a line may hold words of up to --max-word-bytes).
     */
    static final int MAX_BATCH_BYTES = 40 * 1024;
    /** Rows a sink subtask holds at most while it groups them. */
    static final int MAX_HELD_ROWS = 20_000;

    /**
     * As {@link #write} for one table, in unlogged batches of rows of the same partition: for streams whose rows
     * come out grouped by partition (a window's counts, all keyed by the window's start). At most an eighth of
     * {@code maxConcurrentWrites} batches are in flight per subtask.
     */
    public static <T> void writeInPartitionBatches(DataStream<T> stream, CassandraSettings settings,
                                                   int maxConcurrentWrites, Table<T> table) {
        RowTypeInfo rowType = new RowTypeInfo(table.rowTypes());
        String uid = table.name().replace('_', '-');
        stream.map(new ToRow<>(table)).returns(rowType).name("To row: " + table.name()).uid("to-row-" + uid)
                .transform("Group rows by partition: " + table.name(), ObjectArrayTypeInfo.getInfoFor(Row[].class, rowType),
                        new GroupRowsByPartition(table.partitionKeyColumns(), table.primaryKeyColumns(), BATCH_ROWS,
                                MAX_BATCH_BYTES, MAX_HELD_ROWS))
                .uid("group-rows-" + uid)
                .addSink(new CassandraBatchSink(table.insert(settings.keyspace()), new KappaClusterBuilder(settings),
                        Math.max(1, maxConcurrentWrites / 8)))
                .name("Cassandra: " + table.name()).uid("cassandra-" + uid);
    }

    /**
     * An element as the row of values the INSERT binds, in column order (then the write timestamp). Counts the
     * rows handed to the Cassandra sinks in the {@code rowsWritten} metric.
     */
    public static class ToRow<T> extends RichMapFunction<T, Row> {
        private static final long serialVersionUID = 1L;
        private final List<Table.Column<T>> columns;
        private final SerializableFunction<T, Long> writeTimestampMicros;
        private transient Counter rowsWritten;

        ToRow(Table<T> table) {
            this.columns = table.columns();
            this.writeTimestampMicros = table.writeTimestampMicros();
        }

        @Override
        public void open(OpenContext openContext) {
            rowsWritten = getRuntimeContext().getMetricGroup().counter("rowsWritten");
        }

        @Override
        public Row map(T element) {
            rowsWritten.inc();
            Row row = new Row(columns.size() + (writeTimestampMicros != null ? 1 : 0));
            for (int i = 0; i < columns.size(); i++) {
                row.setField(i, columns.get(i).value().apply(element));
            }
            if (writeTimestampMicros != null) {
                row.setField(columns.size(), writeTimestampMicros.apply(element));
            }
            return row;
        }
    }
}
