package io.kappa.core;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Judges every element against its own Kafka partition's event time ({@link PartitionClock}, docs/semantics.md
 * rule 1) and marks the ones that are too late; they flow on, marked, for the transform to treat as it must. A replay
 * {@code --from} passes its range start: elements with an earlier event time are outside the replay (rule 5) and are
 * dropped here, counted in {@link Metrics#RECORDS_BEFORE_RANGE}. Must run in the source's chain (forward, same
 * parallelism), so that it sees each partition's elements in their order.
 *
 * @param <T> what is judged: a record of the words topic, a weather reading
 */
public abstract class MarkTooLate<T> extends ProcessFunction<T, T> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private final PartitionClock clock;
    private final long rangeStart;
    private transient Counter beforeRange;

    /**
     * @param stateName  the name of its operator state (stable: savepoints find it by name)
     * @param rangeStart event time where the input starts ({@link Long#MIN_VALUE}: no limit)
     */
    protected MarkTooLate(String stateName, long windowMillis, long allowedLatenessMillis, long outOfOrdernessMillis,
                          long rangeStart) {
        this.clock = new PartitionClock(stateName, windowMillis, allowedLatenessMillis, outOfOrdernessMillis);
        this.rangeStart = rangeStart;
    }

    /** The element's event time, epoch milliseconds. */
    protected abstract long eventTime(T element);

    /** The element's Kafka partition ({@link PartitionClock#partitionKey}). */
    protected abstract String partition(T element);

    /** Records the verdict on the element: the partition watermark it is too late at, or {@link PartitionClock#NONE}. */
    protected abstract void mark(T element, long tooLateAt);

    @Override
    public void open(OpenContext openContext) throws Exception {
        beforeRange = getRuntimeContext().getMetricGroup().counter(Metrics.RECORDS_BEFORE_RANGE);
    }

    @Override
    public void processElement(T element, Context ctx, Collector<T> out) throws Exception {
        long eventTime = eventTime(element);
        if (eventTime < rangeStart) {
            beforeRange.inc();
            return;
        }
        mark(element, clock.judge(partition(element), eventTime));
        out.collect(element);
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
