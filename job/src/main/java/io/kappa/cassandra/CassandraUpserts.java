package io.kappa.cassandra;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
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

    /** A column: its name, its type as the DataStax driver binds it, and how to get it from an element. */
    public record Column<T>(String name, TypeInformation<?> type, SerializableFunction<T, Object> value)
            implements Serializable {}

    public static <T> Column<T> text(String name, SerializableFunction<T, Object> value) {
        return new Column<>(name, Types.STRING, value);
    }

    public static <T> Column<T> bigint(String name, SerializableFunction<T, Object> value) {
        return new Column<>(name, Types.LONG, value);
    }

    public static <T> Column<T> integer(String name, SerializableFunction<T, Object> value) {
        return new Column<>(name, Types.INT, value);
    }

    public static <T> Column<T> dbl(String name, SerializableFunction<T, Object> value) {
        return new Column<>(name, Types.DOUBLE, value);
    }

    /** A CQL {@code timestamp} from epoch milliseconds. */
    public static <T> Column<T> timestamp(String name, SerializableFunction<T, Long> epochMillis) {
        return new Column<>(name, BasicTypeInfo.DATE_TYPE_INFO, e -> new Date(epochMillis.apply(e)));
    }

    /**
     * @param tables tables with the same columns (e.g. the same rows keyed two ways)
     * @param writeTimestampMicros the CQL write timestamp of each row, or null for the driver's clock
     */
    public static <T> void write(DataStream<T> stream, CassandraSettings settings, int maxConcurrentWrites,
                                 List<String> tables, List<Column<T>> columns,
                                 SerializableFunction<T, Long> writeTimestampMicros) {
        List<TypeInformation<?>> types = columns.stream().map(Column::type).collect(Collectors.toCollection(ArrayList::new));
        if (writeTimestampMicros != null) {
            types.add(Types.LONG);
        }
        DataStream<Row> rows = stream
                .map(new ToRow<>(columns, writeTimestampMicros, tables.size()))
                .returns(new RowTypeInfo(types.toArray(TypeInformation[]::new)))
                .name("To row: " + String.join(", ", tables)).uid("to-row-" + tables.get(0).replace('_', '-'));
        for (String table : tables) {
            String cql = insert(settings, table, columns) + (writeTimestampMicros != null ? " USING TIMESTAMP ?" : "");
            try {
                CassandraSink.addSink(rows)
                        .setQuery(cql)
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

    /**
     * Rows per unlogged batch: about 10 KB of word counts, a fifth of Cassandra's default batch size limit
     * (batch_size_fail_threshold 50 KiB). Large batches matter: each one rewrites its partition in the memtable,
     * and many small concurrent ones to one partition make Cassandra churn its heap (measured: docs/benchmarks.md).
     */
    static final int BATCH_ROWS = 200;
    /** Rows a sink subtask holds at most while it groups them. */
    static final int MAX_HELD_ROWS = 20_000;

    /**
     * As {@link #write} for one table, in unlogged batches of rows of the same partition: for streams whose rows
     * come out grouped by partition (a window's counts, all keyed by the window's start). At most an eighth of
     * {@code maxConcurrentWrites} batches are in flight per subtask. The first
     * {@code partitionKeyColumns} columns are the partition key, the first {@code primaryKeyColumns} the primary key.
     */
    public static <T> void writeInPartitionBatches(DataStream<T> stream, CassandraSettings settings,
                                                   int maxConcurrentWrites, String table, List<Column<T>> columns,
                                                   int partitionKeyColumns, int primaryKeyColumns) {
        RowTypeInfo rowType = new RowTypeInfo(columns.stream().map(Column::type).toArray(TypeInformation[]::new));
        String uid = table.replace('_', '-');
        stream.map(new ToRow<>(columns, null, 1)).returns(rowType).name("To row: " + table).uid("to-row-" + uid)
                .transform("Group rows by partition: " + table, ObjectArrayTypeInfo.getInfoFor(Row[].class, rowType),
                        new GroupRowsByPartition(partitionKeyColumns, primaryKeyColumns, BATCH_ROWS, MAX_HELD_ROWS))
                .uid("group-rows-" + uid)
                .addSink(new CassandraBatchSink(insert(settings, table, columns), new KappaClusterBuilder(settings),
                        Math.max(1, maxConcurrentWrites / 8)))
                .name("Cassandra: " + table).uid("cassandra-" + uid);
    }

    /** {@code INSERT INTO keyspace.table (columns) VALUES (?, …)}: an upsert of the whole row. */
    private static <T> String insert(CassandraSettings settings, String table, List<Column<T>> columns) {
        return "INSERT INTO " + settings.keyspace() + "." + table + " ("
                + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /**
     * An element as the row of values the INSERT binds, in column order (then the write timestamp). Counts the
     * rows handed to the Cassandra sinks in the {@code rowsWritten} metric.
     */
    public static class ToRow<T> extends RichMapFunction<T, Row> {
        private static final long serialVersionUID = 1L;
        private final List<Column<T>> columns;
        private final SerializableFunction<T, Long> writeTimestampMicros;
        private final int tables;
        private transient Counter rowsWritten;

        ToRow(List<Column<T>> columns, SerializableFunction<T, Long> writeTimestampMicros, int tables) {
            this.columns = new ArrayList<>(columns);
            this.writeTimestampMicros = writeTimestampMicros;
            this.tables = tables;
        }

        @Override
        public void open(OpenContext openContext) {
            rowsWritten = getRuntimeContext().getMetricGroup().counter("rowsWritten");
        }

        @Override
        public Row map(T element) {
            rowsWritten.inc(tables);
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
