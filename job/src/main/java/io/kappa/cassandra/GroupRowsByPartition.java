package io.kappa.cassandra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.shaded.guava31.com.google.common.base.Utf8;
import org.apache.flink.types.Row;

/**
 * Groups rows bound for one Cassandra table into batches of rows of the same partition, so that the sink
 * writes one unlogged single-partition batch (one mutation in Cassandra) instead of one request per row.
 * A row with the same primary key as a held row replaces it in its batch, so the newer value is written; for a table
 * whose rows carry their own write timestamp, the one with the larger timestamp stays (what Cassandra would keep). Everything held is emitted on every watermark (a window's rows all come out at the watermark that
 * fires it, so live results are not held back), before every checkpoint barrier (the sink then waits for them
 * in its own snapshot, so a checkpoint covers them), at the end of input, and when {@code maxRows} are held.
 * A batch also ends before its rows reach {@code maxBatchBytes} (their values' size, an estimate of what Cassandra
 * measures against {@code batch_size_fail_threshold}, 50 KiB by default: a larger batch is refused, not slowed).
 */
public class GroupRowsByPartition extends AbstractStreamOperator<Row[]> implements OneInputStreamOperator<Row, Row[]> {
    private static final long serialVersionUID = 1L;
    private final int partitionKeyFields;
    private final int primaryKeyFields;
    private final int writeTimestampField;
    private final int batchSize;
    private final int maxBatchBytes;
    private final int maxRows;
    private transient Map<List<Object>, Batch> held;
    private transient int rows;
    private transient StreamRecord<Row[]> reuse;

    /**
     * @param partitionKeyFields the row's first fields that make the partition key
     * @param primaryKeyFields the row's first fields that make the primary key (partition key, then clustering)
     * @param writeTimestampField the field holding the row's write timestamp, or −1
     */
    public GroupRowsByPartition(int partitionKeyFields, int primaryKeyFields, int writeTimestampField, int batchSize,
                                int maxBatchBytes, int maxRows) {
        this.partitionKeyFields = partitionKeyFields;
        this.primaryKeyFields = primaryKeyFields;
        this.writeTimestampField = writeTimestampField;
        this.batchSize = batchSize;
        this.maxBatchBytes = maxBatchBytes;
        this.maxRows = maxRows;
        setChainingStrategy(ChainingStrategy.ALWAYS); // in the chain of the operator whose rows it groups
    }

    /** A batch being filled: its rows by primary key, and their estimated size. */
    private static final class Batch {
        final LinkedHashMap<List<Object>, Row> rows = new LinkedHashMap<>();
        int bytes;
    }

    /** The size of a row's values as Cassandra stores them, near enough: text as UTF-8, numbers and times as 8. */
    static int estimatedBytes(Row row) {
        int bytes = 0;
        for (int i = 0; i < row.getArity(); i++) {
            Object v = row.getField(i);
            bytes += v instanceof String s ? Utf8.encodedLength(s) : 8;
        }
        return bytes;
    }

    @Override
    public void open() throws Exception {
        super.open();
        held = new LinkedHashMap<>();
        reuse = new StreamRecord<>(null);
    }

    private static List<Object> fields(Row row, int n) {
        Object[] f = new Object[n];
        for (int i = 0; i < n; i++) {
            f[i] = row.getField(i);
        }
        return Arrays.asList(f);
    }

    @Override
    public void processElement(StreamRecord<Row> element) {
        Row row = element.getValue();
        List<Object> partition = fields(row, partitionKeyFields);
        int bytes = estimatedBytes(row);
        Batch batch = held.get(partition);
        if (batch != null && batch.bytes + bytes > maxBatchBytes) {
            emit(held.remove(partition)); // full by size: what it holds goes first
            batch = null;
        }
        if (batch == null) {
            batch = new Batch();
            held.put(partition, batch);
        }
        List<Object> key = fields(row, primaryKeyFields);
        Row same = batch.rows.get(key);
        if (same != null && writeTimestampField >= 0
                && (Long) same.getField(writeTimestampField) > (Long) row.getField(writeTimestampField)) {
            return; // Cassandra would keep the held one
        }
        batch.rows.put(key, row);
        if (same == null) {
            rows++;
        } else {
            batch.bytes -= estimatedBytes(same);
        }
        batch.bytes += bytes;
        if (batch.rows.size() >= batchSize) {
            emit(held.remove(partition));
        } else if (rows >= maxRows) {
            emitAll();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        emitAll();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        emitAll();
    }

    @Override
    public void finish() throws Exception {
        emitAll();
        super.finish();
    }

    private void emitAll() {
        for (Batch batch : new ArrayList<>(held.values())) {
            emit(batch);
        }
        held.clear();
    }

    private void emit(Batch batch) {
        if (batch.rows.isEmpty()) {
            return;
        }
        rows -= batch.rows.size();
        output.collect(reuse.replace(batch.rows.values().toArray(Row[]::new)));
    }
}
