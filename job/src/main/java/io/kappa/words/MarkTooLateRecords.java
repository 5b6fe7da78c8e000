package io.kappa.words;

import io.kappa.core.PartitionClock;
import io.kappa.core.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Judges every record of the words topic against its own partition's event time (docs/semantics.md, rule 1) and
 * marks the ones that are too late ({@link RawRecord#tooLateAt}); they still flow on, to be decoded (a bad one is a
 * dead letter whatever its timing) and then written to the late topic instead of counted. Every record moves its
 * partition's event time, whether its value is usable or not: its timestamp is a Kafka fact.
 *
 * Counts every record read in {@code recordsRead}.
 *
 * <p>A replay {@code --from} passes its range start: records before it are outside the replay (rule 5) and are
 * dropped here, counted in {@value #BEFORE_RANGE}.
 */
public class MarkTooLateRecords extends ProcessFunction<RawRecord, RawRecord> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    public static final String UID = "mark-too-late-records";
    public static final String BEFORE_RANGE = io.kappa.core.Metrics.RECORDS_BEFORE_RANGE;

    private final PartitionClock clock;
    private final long rangeStart;
    private transient Counter recordsRead;
    private transient Counter beforeRange;

    /** @param rangeStart event time where the input starts ({@link Long#MIN_VALUE}: no limit) */
    public MarkTooLateRecords(long windowMillis, long allowedLatenessMillis, long outOfOrdernessMillis, long rangeStart) {
        this.clock = new PartitionClock("words-partition-event-time", windowMillis, allowedLatenessMillis,
                outOfOrdernessMillis);
        this.rangeStart = rangeStart;
    }

    @Override
    public void open(OpenContext openContext) {
        recordsRead = getRuntimeContext().getMetricGroup().counter(io.kappa.core.Metrics.RECORDS_READ);
        beforeRange = getRuntimeContext().getMetricGroup().counter(BEFORE_RANGE);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<RawRecord> out) {
        recordsRead.inc();
        if (record.timestamp < rangeStart) {
            beforeRange.inc();
            return;
        }
        record.tooLateAt = clock.judge(PartitionClock.partitionKey(record.topic, record.partition), record.timestamp);
        out.collect(record);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        clock.initializeState(context);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        clock.snapshotState(context);
    }

}
