package io.kappa.cassandra;

import io.kappa.core.DeadLetterWriter;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.types.Row;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes a stream into a Cassandra table as upserts ({@code INSERT} of the whole row, keyed by the table's primary key)
 * through the official connector's sink base ({@link CassandraUpsertSink}): rows are grouped into unlogged batches of
 * one partition ({@link GroupRowsByPartition}), written asynchronously with an adaptive number in flight, retried when
 * Cassandra is slow or briefly gone, flushed on every checkpoint; rows Cassandra refuses become dead letters.
 *
 * <p>Without a write timestamp, two writes of one row are ordered by the client-side timestamp each gets when it is
 * first sent (monotonic per sink, kept across retries), so the later one wins even if the requests overtake each other.
 * With one ({@code USING TIMESTAMP}), the row keeps the value with the highest timestamp whatever the order of writes.
 */
public final class CassandraUpserts {
    private CassandraUpserts() {}

    /**
     * Rows per unlogged batch: about 25 KB of word counts, half of Cassandra's default batch size limit
     * (batch_size_fail_threshold 50 KiB; MAX_BATCH_BYTES caps a batch of long words). Large batches matter: each one
     * rewrites its partition in the memtable, and many small concurrent ones to one partition make Cassandra churn its
     * heap; 1,000 rows with 8 in flight per subtask was the fastest the bench's (s) grid found (docs/benchmarks.md).
     */
    static final int BATCH_ROWS = 1000;
    /**
     * The values of one batch at most: well under Cassandra's default batch_size_fail_threshold (50 KiB), which refuses
     * a larger batch outright, whatever its rows (a line may hold words of up to --max-word-bytes).
     */
    static final int MAX_BATCH_BYTES = 40 * 1024;
    /** Rows a sink subtask holds at most while it groups them. */
    static final int MAX_HELD_ROWS = 20_000;

    /** How a sink writes: its bound on batches in flight, its retry budget, where refused rows go. */
    public record Writes(int maxConcurrentWrites, WriteRetries retries, DeadLetterWriter refusedRows)
            implements java.io.Serializable {}

    /**
     * Upserts every element as a row of {@code table}, in unlogged batches of rows of the same partition. At most an
     * eighth of {@code maxConcurrentWrites} batches are in flight per subtask.
     */
    public static <T> void write(DataStream<T> stream, CassandraSettings settings, Writes writes, Table<T> table) {
        RowTypeInfo rowType = new RowTypeInfo(table.rowTypes());
        String uid = table.name().replace('_', '-');
        stream.map(new ToRow<>(table)).returns(rowType).name("To row: " + table.name()).uid("to-row-" + uid)
                .transform("Group rows by partition: " + table.name(), ObjectArrayTypeInfo.getInfoFor(Row[].class, rowType),
                        new GroupRowsByPartition(table.partitionKeyColumns(), table.primaryKeyColumns(),
                                table.writeTimestampMicros() != null ? table.columns().size() : -1, BATCH_ROWS,
                                MAX_BATCH_BYTES, MAX_HELD_ROWS))
                .uid("group-rows-" + uid)
                .addSink(new CassandraUpsertSink(table, settings, Math.max(1, writes.maxConcurrentWrites() / 8),
                        writes.retries(), writes.refusedRows()))
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
            rowsWritten = getRuntimeContext().getMetricGroup().counter(io.kappa.core.Metrics.ROWS_WRITTEN);
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
