package io.kappa.words;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window operator itself, driven by hand: firing on watermark, allowed-lateness updates, closed-window output. */
class CountWordsPerWindowTest {
    private static final long MIN = 60_000;
    private KeyedOneInputStreamOperatorTestHarness<Integer, WordCount, WindowedWordCount> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(Duration.ofMinutes(1));
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, WordCount, WindowedWordCount> harness(
            Duration lateness) throws Exception {
        return harness(lateness, null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, WordCount, WindowedWordCount> harness(
            Duration lateness, org.apache.flink.runtime.checkpoint.OperatorSubtaskState restore) throws Exception {
        return harness(lateness, restore, false);
    }

    @SuppressWarnings("unchecked")
    private static KeyedOneInputStreamOperatorTestHarness<Integer, WordCount, WindowedWordCount> harness(
            Duration lateness, org.apache.flink.runtime.checkpoint.OperatorSubtaskState restore, boolean inputEnds)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WordCount> in = env.fromData(new WordCount("x", 1));
        CountWordsPerWindow.Output out = new CountWordsPerWindow(Duration.ofMinutes(1), lateness, inputEnds).expand(in);
        OneInputTransformation<WordCount, WindowedWordCount> window =
                (OneInputTransformation<WordCount, WindowedWordCount>) out.counts().getTransformation();
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                (OneInputStreamOperator<WordCount, WindowedWordCount>) window.getOperator(),
                (KeySelector<WordCount, Integer>) window.getStateKeySelector(), Types.INT);
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void add(String word, long count, long ts) throws Exception {
        harness.processElement(new StreamRecord<>(new WordCount(word, count), ts));
    }

    private List<WindowedWordCount> emitted() {
        return harness.extractOutputValues();
    }

    @Test
    void windowFiresOnlyWhenTheWatermarkPassesItsEnd() throws Exception {
        add("a", 1, 10_000);
        add("a", 2, 50_000);
        add("b", 1, 59_999);
        add("a", 1, MIN); // next window
        harness.processWatermark(new Watermark(MIN - 2));
        assertThat(emitted()).isEmpty();

        harness.processWatermark(new Watermark(MIN - 1));
        assertThat(emitted()).containsExactlyInAnyOrder(
                new WindowedWordCount(0, MIN, "a", 3),
                new WindowedWordCount(0, MIN, "b", 1));
    }

    @Test
    void aRecordWithinTheAllowedLatenessReEmitsTheUpdatedCount() throws Exception {
        add("a", 1, 10_000);
        harness.processWatermark(new Watermark(MIN + 30_000));
        add("a", 4, 20_000); // late, but within one minute of lateness
        assertThat(emitted()).containsExactly(
                new WindowedWordCount(0, MIN, "a", 1),
                new WindowedWordCount(0, MIN, "a", 5));
        assertThat(harness.getSideOutput(CountWordsPerWindow.CLOSED)).isNull();
    }

    /** Only when a partition was idle can a record on time for its partition find its window closed here. */
    @Test
    void aRecordForAClosedWindowGoesToTheSideOutputAndStateIsCleared() throws Exception {
        add("a", 1, 10_000);
        harness.processWatermark(new Watermark(2 * MIN - 1)); // window end + lateness reached: state cleaned
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        add("a", 7, 20_000);
        assertThat(emitted()).containsExactly(new WindowedWordCount(0, MIN, "a", 1));
        ConcurrentLinkedQueue<StreamRecord<LateWord>> late = harness.getSideOutput(CountWordsPerWindow.CLOSED);
        assertThat(late.stream().map(StreamRecord::getValue).collect(Collectors.toList())).containsExactly(
                new LateWord("a", 7, 20_000, 0, MIN, 2 * MIN - 1, null, -1, -1, LateWord.CLOSED_REASON));
    }

    /** Timers are per bucket and window, not per word: a window's thousands of words cost a few hundred timers. */
    @Test
    void timersArePerBucketAndWindowNotPerWord() throws Exception {
        for (int i = 0; i < 5_000; i++) {
            add("w" + i, 1, 10_000);
        }
        assertThat(harness.numEventTimeTimers()).isLessThanOrEqualTo(2 * CountWordsPerWindow.BUCKETS);
        harness.processWatermark(new Watermark(MIN - 1));
        assertThat(emitted()).hasSize(5_000).allMatch(c -> c.count == 1 && c.windowStart == 0);
    }

    /** Windows fire in their own right: two windows in one bucket, the watermark passing only the first. */
    @Test
    void eachWindowFiresOnItsOwnAndWordsOfOneBucketStayApart() throws Exception {
        add("a", 1, 10_000);
        add("a", 2, MIN + 10_000);
        add("b", 3, 10_000);
        harness.processWatermark(new Watermark(MIN - 1));
        assertThat(emitted()).containsExactlyInAnyOrder(new WindowedWordCount(0, MIN, "a", 1),
                new WindowedWordCount(0, MIN, "b", 3));
        harness.processWatermark(new Watermark(2 * MIN - 1));
        assertThat(emitted()).contains(new WindowedWordCount(MIN, 2 * MIN, "a", 2)).hasSize(3);
    }

    /** With no allowed lateness, a window fires and is cleared by one timer; nothing is emitted twice. */
    @Test
    void withoutLatenessTheWindowFiresOnceAndIsCleared() throws Exception {
        harness.close();
        harness = harness(Duration.ZERO);
        add("a", 1, 10_000);
        harness.processWatermark(new Watermark(MIN - 1));
        assertThat(emitted()).containsExactly(new WindowedWordCount(0, MIN, "a", 1));
        assertThat(harness.numKeyedStateEntries()).isZero();
        add("a", 1, 20_000);
        assertThat(emitted()).hasSize(1);
        assertThat(harness.getSideOutput(CountWordsPerWindow.CLOSED)).hasSize(1);
    }

    /** State and timers survive a snapshot and a restore (what a failover or a savepoint does). */
    @Test
    void aRestoredOperatorFiresWhatWasCheckpointed() throws Exception {
        add("a", 2, 10_000);
        add("b", 1, 20_000);
        var snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = harness(Duration.ofMinutes(1), snapshot);
        harness.processWatermark(new Watermark(MIN - 1));
        assertThat(emitted()).containsExactlyInAnyOrder(new WindowedWordCount(0, MIN, "a", 2),
                new WindowedWordCount(0, MIN, "b", 1));
    }

    /**
     * docs/semantics.md rule 5: a drain fires and clears every window, so a job must not resume from a drained savepoint
     * (a record for one of those windows would be counted from zero: the row of 3 would become 1). A savepoint taken
     * without a drain resumes and goes on counting.
     */
    @Test
    void aDrainedSavepointIsRefusedWithoutRestartsAndAnUndrainedOneResumes() throws Exception {
        add("a", 3, 10_000);
        var undrained = harness.snapshot(1, 1);
        harness.processWatermark(new Watermark(Long.MAX_VALUE)); // flink stop --drain
        assertThat(emitted()).extracting(c -> c.windowStart + " " + c.word + " " + c.count).containsExactly("0 a 3");
        var drained = harness.snapshot(2, 2);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> harness(Duration.ofMinutes(1), drained))
                .isInstanceOf(org.apache.flink.runtime.execution.SuppressRestartsException.class)
                .hasRootCauseMessage(CountWordsPerWindow.DRAINED_SAVEPOINT);

        try (var resumed = harness(Duration.ofMinutes(1), undrained)) {
            resumed.processElement(new StreamRecord<>(new WordCount("a", 1), 20_000));
            resumed.processWatermark(new Watermark(MIN - 1));
            assertThat(resumed.extractOutputValues()).extracting(c -> c.windowStart + " " + c.word + " " + c.count)
                    .containsExactly("0 a 4");
        }
    }

    /**
     * docs/semantics.md rule 5: a replay's event time also ends at the end of its input; a replay that lost its
     * TaskManager after that restarts from a checkpoint holding that end, reads nothing more, and finishes (it is not
     * refused). A replay resumed from such a state that is given a record refuses it, without restarts.
     */
    @Test
    void aReplayRestoredAfterItsEndFinishesAndRefusesARecordThatComesAfter() throws Exception {
        harness.close();
        harness = harness(Duration.ofMinutes(1), null, true);
        add("a", 3, 10_000);
        harness.processWatermark(new Watermark(Long.MAX_VALUE)); // the end of the replay's input
        var afterTheEnd = harness.snapshot(1, 1);

        try (var restarted = harness(Duration.ofMinutes(1), afterTheEnd, true)) {
            restarted.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(restarted.extractOutputValues()).as("nothing fires twice").isEmpty();
        }
        try (var given = harness(Duration.ofMinutes(1), afterTheEnd, true)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> given.processElement(new StreamRecord<>(new WordCount("a", 1), 20_000)))
                    .isInstanceOf(org.apache.flink.runtime.execution.SuppressRestartsException.class)
                    .hasRootCauseMessage(CountWordsPerWindow.DRAINED_SAVEPOINT);
            assertThat(given.extractOutputValues()).isEmpty();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> harness(Duration.ofMinutes(1), afterTheEnd, false))
                .as("a live job started from it refuses at once")
                .isInstanceOf(org.apache.flink.runtime.execution.SuppressRestartsException.class);
    }
}
