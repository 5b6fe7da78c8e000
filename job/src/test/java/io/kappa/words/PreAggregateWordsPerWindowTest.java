package io.kappa.words;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PreAggregateWordsPerWindowTest {
    private static final long MIN = 60_000;
    private OneInputStreamOperatorTestHarness<WordCount, WordCount> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new PreAggregateWordsPerWindow(MIN, 4));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void word(String w, long ts) throws Exception {
        harness.processElement(new WordCount(w, 1), ts);
    }

    /** What came out: "word=count@timestamp" for records, "W<timestamp>" for watermarks, in order. */
    private List<String> output() {
        List<String> out = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                WordCount c = (WordCount) r.getValue();
                out.add(c.word + "=" + c.count + "@" + r.getTimestamp());
            } else if (o instanceof Watermark w) {
                out.add("W" + w.getTimestamp());
            }
        }
        harness.getOutput().clear();
        return out;
    }

    @Test
    void sumsAreHeldUntilTheWatermarkThatFiresTheirWindowAndEmittedBeforeIt() throws Exception {
        word("a", 1_000);
        word("b", 2_000);
        word("a", 3_000);
        word("a", MIN + 500); // next window
        harness.processWatermark(new Watermark(30_000)); // fires nothing
        assertThat(output()).containsExactly("W30000");

        harness.processWatermark(new Watermark(MIN - 1)); // fires [0, 1 min)
        List<String> fired = output();
        assertThat(fired).hasSize(3).endsWith("W59999"); // the sums first, then the watermark that fires them
        assertThat(fired.subList(0, 2)).containsExactlyInAnyOrder("a=2@3000", "b=1@2000");

        harness.processWatermark(new Watermark(2 * MIN - 1));
        assertThat(output()).containsExactly("a=1@60500", "W119999");
    }

    @Test
    void aWordForAWindowThatHasFiredGoesStraightThrough() throws Exception {
        harness.processWatermark(new Watermark(MIN - 1));
        output();
        word("late", 10_000);
        word("late", 20_000);
        assertThat(output()).containsExactly("late=1@10000", "late=1@20000");
    }

    @Test
    void everythingIsEmittedBeforeACheckpointBarrierAtTheEndAndWhenTooManyAreHeld() throws Exception {
        word("a", 1_000);
        word("b", MIN + 1_000);
        harness.prepareSnapshotPreBarrier(1);
        assertThat(output()).containsExactly("a=1@1000", "b=1@61000");

        for (String w : List.of("a", "b", "c", "d")) {
            word(w, 1_000);
        }
        assertThat(output()).isEmpty(); // 4 held
        word("e", 1_000); // the fifth: over the limit of 4
        assertThat(output()).hasSize(5);

        word("f", 1_000);
        harness.getOperator().finish(); // the end of input
        assertThat(output()).containsExactly("f=1@1000");
    }

    @Test
    void whenTheInputGoesIdleEverySumGoesOutBeforeTheIdleStatus() throws Exception {
        word("a", 1_000);
        word("b", MIN + 1_000);
        harness.processWatermarkStatus(org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus.IDLE);
        List<String> out = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            out.add(o instanceof StreamRecord<?> r ? ((WordCount) r.getValue()).word : o.toString());
        }
        assertThat(out).containsExactly("a", "b", "WatermarkStatus(IDLE)");
    }
}
