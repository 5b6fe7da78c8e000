package io.kappa.core;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;

/**
 * Event time per Kafka partition, as docs/semantics.md (rule 1) defines it: for each partition the largest event
 * time read so far ({@code M_p}), the partition watermark {@code W(r) = M_p − D − 1} just before a record, and the
 * verdict on a record: too late when {@code windowStart + window − 1 + L ≤ W(r)}.
 *
 * <p>It lives in checkpointed operator state, so a record judged too late is judged too late again after any
 * restore: Flink keeps no watermark across a restore, and a window operator alone would reopen a window whose state
 * it had purged and write a partial count over the full one. The state is a union list of (partition, M_p): after a
 * rescale every subtask gets all of it and keeps, per partition, the largest value (a subtask that no longer reads a
 * partition may carry an older M_p for it; the largest is the true one, since M_p only grows).
 */
public final class PartitionClock implements Serializable {
    private static final long serialVersionUID = 1L;
    /** No event time yet. */
    public static final long NONE = Long.MIN_VALUE;

    private final String stateName;
    private final long windowMillis;
    private final long allowedLatenessMillis;
    private final long outOfOrdernessMillis;
    private transient Map<String, Long> maxEventTime;
    private transient ListState<Tuple2<String, Long>> state;

    /**
     * @param stateName the name of its operator state (stable: savepoints find it by name)
     */
    public PartitionClock(String stateName, long windowMillis, long allowedLatenessMillis, long outOfOrdernessMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.stateName = stateName;
        this.windowMillis = windowMillis;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.outOfOrdernessMillis = outOfOrdernessMillis;
    }

    /** The partition a record of {@code topic}, partition {@code partition} belongs to, as a state key. */
    public static String partitionKey(String topic, int partition) {
        return topic + ":" + partition;
    }

    /** {@code W(r)} for the next record of the partition, or {@link #NONE} before its first record. */
    public long watermark(String partition) {
        Long max = maxEventTime.get(partition);
        return max == null ? NONE : max - outOfOrdernessMillis - 1;
    }

    /**
     * The verdict on the next record of a partition, then its event time is taken into account: returns the
     * partition watermark at which the record is too late, or {@link #NONE} when it is on time.
     */
    public long judge(String partition, long eventTime) {
        long watermark = watermark(partition);
        long windowStart = Math.floorDiv(eventTime, windowMillis) * windowMillis;
        boolean tooLate = watermark != NONE && saturatingAdd(windowStart + windowMillis - 1, allowedLatenessMillis) <= watermark;
        advance(partition, eventTime);
        return tooLate ? watermark : NONE;
    }

    /** Takes a record's event time into account without judging it (a record that has no window to be late for). */
    public void advance(String partition, long eventTime) {
        maxEventTime.merge(partition, eventTime, Math::max);
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Call from {@code CheckpointedFunction.initializeState}. */
    public void initializeState(FunctionInitializationContext context) throws Exception {
        maxEventTime = new HashMap<>();
        state = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>(stateName,
                TypeInformation.of(new TypeHint<Tuple2<String, Long>>() {})));
        if (context.isRestored()) {
            for (Tuple2<String, Long> entry : state.get()) {
                maxEventTime.merge(entry.f0, entry.f1, Math::max);
            }
        }
    }

    /** Call from {@code CheckpointedFunction.snapshotState}. */
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        state.clear();
        for (Map.Entry<String, Long> e : maxEventTime.entrySet()) {
            state.add(Tuple2.of(e.getKey(), e.getValue()));
        }
    }
}
