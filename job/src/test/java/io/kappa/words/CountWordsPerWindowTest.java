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
    private KeyedOneInputStreamOperatorTestHarness<String, WordCount, WindowedWordCount> harness;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WordCount> in = env.fromData(new WordCount("x", 1));
        CountWordsPerWindow.Output out =
                new CountWordsPerWindow(Duration.ofMinutes(1), Duration.ofMinutes(1)).expand(in);
        OneInputTransformation<WordCount, WindowedWordCount> window =
                (OneInputTransformation<WordCount, WindowedWordCount>) out.counts().getTransformation();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                (OneInputStreamOperator<WordCount, WindowedWordCount>) window.getOperator(),
                (KeySelector<WordCount, String>) window.getStateKeySelector(), Types.STRING);
        harness.open();
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
        add("a", 7, 20_000);
        assertThat(emitted()).containsExactly(new WindowedWordCount(0, MIN, "a", 1));
        ConcurrentLinkedQueue<StreamRecord<WordCount>> late = harness.getSideOutput(CountWordsPerWindow.CLOSED);
        assertThat(late.stream().map(r -> r.getValue() + "@" + r.getTimestamp()).collect(Collectors.toList()))
                .containsExactly("a=7@20000");
    }
}
