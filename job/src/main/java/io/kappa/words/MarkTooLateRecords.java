package io.kappa.words;

import io.kappa.core.MarkTooLate;
import io.kappa.core.Metrics;
import io.kappa.core.PartitionClock;
import io.kappa.core.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Judges every record of the words topic against its own partition's event time (docs/semantics.md, rule 1) and
 * marks the ones that are too late ({@link RawRecord#tooLateAt}); they still flow on, to be decoded (a bad one is a
 * dead letter whatever its timing) and then written to the late topic instead of counted. Every record moves its
 * partition's event time, whether its value is usable or not: its timestamp is a Kafka fact. Counts every record read
 * in {@code recordsRead}.
 */
public class MarkTooLateRecords extends MarkTooLate<RawRecord> {
    private static final long serialVersionUID = 1L;
    public static final String UID = "mark-too-late-records";
    private transient Counter recordsRead;
    private transient String lastTopic;
    private transient int lastPartition;
    private transient String lastKey;

    /** @param rangeStart event time where the input starts ({@link Long#MIN_VALUE}: no limit) */
    public MarkTooLateRecords(long windowMillis, long allowedLatenessMillis, long outOfOrdernessMillis, long rangeStart) {
        super("words-partition-event-time", windowMillis, allowedLatenessMillis, outOfOrdernessMillis, rangeStart);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        recordsRead = getRuntimeContext().getMetricGroup().counter(Metrics.RECORDS_READ);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<RawRecord> out) throws Exception {
        recordsRead.inc();
        super.processElement(record, ctx, out);
    }

    @Override
    protected long eventTime(RawRecord record) {
        return record.timestamp;
    }

    @Override
    protected String partition(RawRecord record) {
        // the key of the last partition seen, kept: runs of records come from one partition, and building the key
        // for every line showed in the profile (docs/benchmarks.md)
        if (record.partition != lastPartition || !record.topic.equals(lastTopic)) {
            lastTopic = record.topic;
            lastPartition = record.partition;
            lastKey = PartitionClock.partitionKey(record.topic, record.partition);
        }
        return lastKey;
    }

    @Override
    protected void mark(RawRecord record, long tooLateAt) {
        record.tooLateAt = tooLateAt;
    }
}
