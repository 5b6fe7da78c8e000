package io.kappa.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.core.PartitionClock;
import io.kappa.core.RawRecord;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md, rule 1: the verdict on a record is its own partition's, and it survives a restore (a
 * too-late record read again after a failover must not reopen a finished window) and a rescale.
 */
class MarkTooLateRecordsTest {
    private static final long MIN = 60_000;
    private static final long D = 5_000;

    private static OneInputStreamOperatorTestHarness<RawRecord, RawRecord> harness(int parallelism, int subtask)
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new MarkTooLateRecords(MIN, MIN, D, Long.MIN_VALUE)), 4, parallelism, subtask);
    }

    private static RawRecord rec(int partition, long offset, long ts) {
        return new RawRecord("words", partition, offset, ts, null, new byte[] {'a'});
    }

    private static String verdicts(OneInputStreamOperatorTestHarness<RawRecord, RawRecord> h) {
        StringBuilder s = new StringBuilder();
        for (RawRecord r : h.extractOutputValues()) {
            s.append(r.partition).append(':').append(r.offset).append(r.isTooLate() ? "=late@" + r.tooLateAt : "=ok").append(' ');
        }
        return s.toString().trim();
    }

    @Test
    void theBoundaryOfTheRuleToTheMillisecond() throws Exception {
        try (var h = harness(1, 0)) {
            h.open();
            // window [0, 1m); too late once W >= 1m - 1 + 1m = 2m - 1, i.e. once the partition has seen 2m - 1 + D + 1
            h.processElement(rec(0, 0, 2 * MIN - 1 + D), 0);         // W before it: none
            h.processElement(rec(0, 1, 10_000), 0);                  // W = 2m - 2: on time (by one millisecond)
            h.processElement(rec(0, 2, 2 * MIN + D), 0);             // W = 2m - 2 still (max was 2m - 1 + D)
            h.processElement(rec(0, 3, 10_000), 0);                  // W = 2m - 1: too late
            assertThat(verdicts(h)).isEqualTo("0:0=ok 0:1=ok 0:2=ok 0:3=late@" + (2 * MIN - 1));
        }
    }

    @Test
    void eachPartitionIsJudgedByItsOwnRecordsOnly() throws Exception {
        try (var h = harness(1, 0)) {
            h.open();
            h.processElement(rec(0, 0, 10 * MIN), 0);  // partition 0 is far ahead
            h.processElement(rec(1, 0, 10_000), 0);    // partition 1 has seen nothing: on time
            h.processElement(rec(0, 1, 10_000), 0);    // partition 0: too late
            assertThat(verdicts(h)).isEqualTo("0:0=ok 1:0=ok 0:1=late@" + (10 * MIN - D - 1));
        }
    }
    @Test
    void partitionsOfTheSameNumberInTwoTopicsAreTwoPartitions() throws Exception {
        try (var h = harness(1, 0)) {
            h.open();
            h.processElement(new RawRecord("a", 0, 0, 10 * MIN, null, new byte[] {'a'}), 0); // a:0 far ahead
            h.processElement(new RawRecord("b", 0, 0, 10_000, null, new byte[] {'a'}), 0);   // b:0 has seen nothing
            h.processElement(new RawRecord("a", 0, 1, 10_000, null, new byte[] {'a'}), 0);   // a:0 again: too late
            assertThat(verdicts(h)).isEqualTo("0:0=ok 0:0=ok 0:1=late@" + (10 * MIN - D - 1));
        }
    }


    @Test
    void aTooLateRecordReadAgainAfterARestoreIsTooLateAgain() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(1, 0)) {
            h.open();
            for (int i = 0; i < 100; i++) {
                h.processElement(rec(0, i, 30_000), 0);        // 100 x alpha in window 10:00, say
            }
            h.processElement(rec(0, 100, 3 * MIN), 0);         // closes it for good
            snapshot = h.snapshot(1, 1);                        // a checkpoint completes
            h.processElement(rec(0, 101, 30_000), 0);          // too late
            assertThat(h.extractOutputValues().get(101).isTooLate()).isTrue();
        } // the TaskManager dies before the next checkpoint
        try (var restored = harness(1, 0)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(rec(0, 101, 30_000), 0);   // read again from the checkpoint's offsets
            assertThat(verdicts(restored)).isEqualTo("0:101=late@" + (3 * MIN - D - 1));
        }
    }

    @Test
    void afterARescaleEverySubtaskKnowsEveryPartitionsEventTime() throws Exception {
        OperatorSubtaskState a;
        OperatorSubtaskState b;
        try (var h0 = harness(2, 0); var h1 = harness(2, 1)) {
            h0.open();
            h1.open();
            h0.processElement(rec(0, 0, 5 * MIN), 0);
            h1.processElement(rec(1, 0, 7 * MIN), 0);
            a = h0.snapshot(1, 1);
            b = h1.snapshot(1, 1);
        }
        OperatorSubtaskState merged = AbstractStreamOperatorTestHarness.repackageState(a, b);
        for (int subtask = 0; subtask < 3; subtask++) { // now three subtasks; any may get any partition
            OperatorSubtaskState state = AbstractStreamOperatorTestHarness.repartitionOperatorState(merged, 4, 2, 3, subtask);
            try (var h = harness(3, subtask)) {
                h.initializeState(state);
                h.open();
                h.processElement(rec(0, 1, 10_000), 0);
                h.processElement(rec(1, 1, 10_000), 0);
                assertThat(verdicts(h)).isEqualTo("0:1=late@" + (5 * MIN - D - 1) + " 1:1=late@" + (7 * MIN - D - 1));
            }
        }
    }

    @Test
    void aReplayFromATimeLeavesOutWhatIsBeforeItsRange() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new MarkTooLateRecords(MIN, MIN, D, 2 * MIN)))) {
            h.open();
            h.processElement(rec(0, 0, 2 * MIN), 0);
            h.processElement(rec(0, 1, 2 * MIN - 1), 0); // out of order, before the range: not counted, not late
            h.processElement(rec(0, 2, 3 * MIN), 0);
            assertThat(verdicts(h)).isEqualTo("0:0=ok 0:2=ok");
        }
    }

    @Test
    void noneIsTheMarkOfOnTime() {
        assertThat(new RawRecord().tooLateAt).isEqualTo(PartitionClock.NONE);
        assertThat(List.of(new RawRecord()).get(0).isTooLate()).isFalse();
    }
}
