package io.kappa.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EventTimeWatermarksTest {

    private static class Recorder implements WatermarkOutput {
        final List<Long> emitted = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    @Test
    void emitsFromTheRecordsEveryStepOfEventTimeNotOnlyOnATimer() {
        var gen = new EventTimeWatermarks.DataDrivenBoundedOutOfOrderness<String>(Duration.ofSeconds(5), Duration.ofSeconds(1));
        Recorder out = new Recorder();
        gen.onEvent("a", 10_000, out);   // first: emits 4_999
        gen.onEvent("b", 10_500, out);   // advanced by 500 ms < step: nothing
        gen.onEvent("c", 9_000, out);    // out of order: never goes back
        gen.onEvent("d", 11_000, out);   // advanced by a full step: 5_999
        assertThat(out.emitted).containsExactly(4_999L, 5_999L);

        gen.onEvent("e", 11_400, out);
        gen.onPeriodicEmit(out);         // the timer catches up with what the step held back
        gen.onPeriodicEmit(out);         // and never repeats itself
        assertThat(out.emitted).containsExactly(4_999L, 5_999L, 6_399L);
    }

    @Test
    void sameRecordsGiveSameWatermarksWhateverTheTiming() {
        long[] ts = {1_000, 3_000, 2_500, 7_000, 6_000, 12_000, 12_100, 20_000};
        List<String> runs = new ArrayList<>();
        for (int periodicEvery : new int[] {1, 3, 100}) {
            var gen = new EventTimeWatermarks.DataDrivenBoundedOutOfOrderness<String>(Duration.ofSeconds(2), Duration.ofSeconds(1));
            Recorder out = new Recorder();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < ts.length; i++) {
                gen.onEvent("x", ts[i], out);
                // what a record sees: the last watermark emitted at or before it, from the records alone
                seen.add(out.emitted.isEmpty() ? "none" : Long.toString(out.emitted.get(out.emitted.size() - 1)));
                if (i % periodicEvery == 0) {
                    gen.onPeriodicEmit(new Recorder());
                }
            }
            runs.add(String.join(",", seen));
        }
        assertThat(runs).containsOnly(runs.get(0));
    }
}
