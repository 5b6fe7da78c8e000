package io.kappa.cassandra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.types.Row;

/**
 * Groups rows bound for one Cassandra table into batches of rows of the same partition, so that the sink
 * writes one unlogged single-partition batch (one mutation in Cassandra) instead of one request per row.
 * A row that replaces a held row with the same primary key replaces it in its batch, so the newer value is
 * written. Everything held is emitted on every watermark (a window's rows all come out at the watermark that
 * fires it, so live results are not held back), before every checkpoint barrier (the sink then waits for them
 * in its own snapshot, so a checkpoint covers them), at the end of input, and when {@code maxRows} are held.
 */
public class GroupRowsByPartition extends AbstractStreamOperator<Row[]> implements OneInputStreamOperator<Row, Row[]> {
    private static final long serialVersionUID = 1L;
    private final int partitionKeyFields;
    private final int primaryKeyFields;
    private final int batchSize;
    private final int maxRows;
    private transient Map<List<Object>, LinkedHashMap<List<Object>, Row>> held;
    private transient int rows;
    private transient StreamRecord<Row[]> reuse;

    /**
     * @param partitionKeyFields the row's first fields that make the partition key
     * @param primaryKeyFields the row's first fields that make the primary key (partition key, then clustering)
     */
    public GroupRowsByPartition(int partitionKeyFields, int primaryKeyFields, int batchSize, int maxRows) {
        this.partitionKeyFields = partitionKeyFields;
        this.primaryKeyFields = primaryKeyFields;
        this.batchSize = batchSize;
        this.maxRows = maxRows;
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
        LinkedHashMap<List<Object>, Row> batch = held.computeIfAbsent(partition, p -> new LinkedHashMap<>());
        if (batch.put(fields(row, primaryKeyFields), row) == null) {
            rows++;
        }
        if (batch.size() >= batchSize) {
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
        for (LinkedHashMap<List<Object>, Row> batch : new ArrayList<>(held.values())) {
            emit(batch);
        }
        held.clear();
    }

    private void emit(LinkedHashMap<List<Object>, Row> batch) {
        rows -= batch.size();
        output.collect(reuse.replace(batch.values().toArray(Row[]::new)));
    }
}
