package io.kappa.weather;

import io.kappa.core.Metrics;
import io.kappa.core.PartitionClock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Judges every valid reading against its own partition's event time (docs/semantics.md, rule 1, with the weather
 * window) and marks the ones too late for their window's summary ({@link Reading#tooLateAt}); they still count for
 * the observations and the latest reading. A replay {@code --from} passes its range start: readings with an earlier
 * {@code dt} are outside the replay and are dropped here (rule 5).
 */
public class MarkTooLateReadings extends ProcessFunction<Reading, Reading> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    public static final String UID = "mark-too-late-readings";

    private final PartitionClock clock;
    private final long rangeStart;
    private transient Counter beforeRange;

    public MarkTooLateReadings(long windowMillis, long allowedLatenessMillis, long outOfOrdernessMillis, long rangeStart) {
        this.clock = new PartitionClock("weather-partition-event-time", windowMillis, allowedLatenessMillis,
                outOfOrdernessMillis);
        this.rangeStart = rangeStart;
    }

    @Override
    public void open(OpenContext openContext) {
        beforeRange = getRuntimeContext().getMetricGroup().counter(Metrics.RECORDS_BEFORE_RANGE);
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<Reading> out) {
        long eventTime = r.dt * 1000;
        if (eventTime < rangeStart) {
            beforeRange.inc();
            return;
        }
        r.tooLateAt = clock.judge(PartitionClock.partitionKey(r.topic, r.partition), eventTime);
        out.collect(r);
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
