package io.kappa.core;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for Kafka records: the record timestamp, bounded out-of-orderness, and idleness so that an empty
 * partition does not hold every window back.
 *
 * <p>Flink's {@code forBoundedOutOfOrderness} emits watermarks only on a processing-time timer, so where a
 * watermark falls between records depends on how fast they were read. This generator also emits from the records
 * themselves, each time the watermark has advanced by {@code step} of event time, so that windows fire as the data
 * moves, not only as the clock ticks. Which records are too late is not decided by these watermarks but by the
 * partition clocks ({@link MarkTooLate}, docs/semantics.md rule 1), the same in every run. (Hand-written: Flink has
 * no such built-in generator.)
 */
public final class EventTimeWatermarks {
    /**
     * How far event time moves between two watermarks emitted from the records. Which records are too late does not
     * depend on it (the partition clocks judge that, docs/semantics.md rule 1), only how often windows can fire: a
     * replay reads hours of event time in seconds, and every watermark crosses the chain and the shuffle (1 s
     * cost a replay about 5 % more CPU than 10 s, docs/benchmarks.md); a live job also emits every 200 ms of
     * processing time.
     */
    public static final Duration STEP = Duration.ofSeconds(10);

    private EventTimeWatermarks() {}

    /** Kafka records: the record timestamp is the event time. */
    public static WatermarkStrategy<RawRecord> forRecords(Duration outOfOrderness, Duration idleness) {
        return forTimestamps((RawRecord record, long kafkaTimestamp) -> record.timestamp, outOfOrderness, idleness);
    }

    /** Any element whose event time the assigner extracts (e.g. a document's own time field). */
    public static <T> WatermarkStrategy<T> forTimestamps(SerializableTimestampAssigner<T> timestamps,
                                                         Duration outOfOrderness, Duration idleness) {
        WatermarkStrategy<T> strategy = WatermarkStrategy
                .<T>forGenerator(ctx -> new DataDrivenBoundedOutOfOrderness<>(outOfOrderness, STEP))
                .withTimestampAssigner(timestamps);
        return idleness.isZero() ? strategy : strategy.withIdleness(idleness);
    }

    /** Bounded out-of-orderness that emits on events (every {@code step}) as well as periodically. */
    public static class DataDrivenBoundedOutOfOrderness<T> implements WatermarkGenerator<T> {
        private final long delay;
        private final long step;
        private long maxTimestamp;
        private long lastEmitted = Long.MIN_VALUE;

        public DataDrivenBoundedOutOfOrderness(Duration outOfOrderness, Duration step) {
            this.delay = outOfOrderness.toMillis();
            this.step = Math.max(1, step.toMillis());
            this.maxTimestamp = Long.MIN_VALUE + delay + 1;
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
            long watermark = maxTimestamp - delay - 1;
            if (lastEmitted == Long.MIN_VALUE || watermark >= lastEmitted + step) {
                emit(watermark, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long watermark = maxTimestamp - delay - 1;
            if (watermark > lastEmitted) {
                emit(watermark, output);
            }
        }

        private void emit(long watermark, WatermarkOutput output) {
            lastEmitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
