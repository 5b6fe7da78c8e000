package io.kappa.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class SplitIntoWordsTest {
    private static final long MIN = 60_000;

    private static TextLine line(long offset, String text, long tooLateAt) {
        RawRecord r = new RawRecord("words", 3, offset, 90_000, null, text.getBytes(StandardCharsets.UTF_8));
        r.tooLateAt = tooLateAt;
        return new TextLine(r, text);
    }

    @Test
    void aLineWithAWordOverTheLimitIsADeadLetterWholeAndNothingOfItIsCounted() throws Exception {
        OneInputStreamOperatorTestHarness<TextLine, WordCount> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new SplitIntoWords(512, MIN));
        h.processElement(line(0, "short words " + "x".repeat(70_000) + " more", Long.MIN_VALUE), 90_000);
        h.processElement(line(1, "é".repeat(256), Long.MIN_VALUE), 90_000); // exactly 512 bytes: fine
        h.processElement(line(2, "é".repeat(257), Long.MIN_VALUE), 90_000); // 514 bytes
        assertThat(h.extractOutputValues()).extracting(w -> w.word.length() + "x" + w.count).containsExactly("256x1");
        assertThat(h.getSideOutput(SplitIntoWords.DEAD_LETTERS)).extracting(r -> (DeadLetter) r.getValue())
                .extracting(d -> d.record.offset + ": " + d.reason)
                .containsExactly("0: line has a word of 70000 bytes, longer than the limit of 512 bytes (--max-word-bytes)",
                        "2: line has a word of 514 bytes, longer than the limit of 512 bytes (--max-word-bytes)");
    }

    @Test
    void aTooLateLineIsNotCountedItsWordsNameTheirRecord() throws Exception {
        OneInputStreamOperatorTestHarness<TextLine, WordCount> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new SplitIntoWords(512, MIN));
        h.processElement(line(7, "Alpha alpha beta", 200_000), 90_000);
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.getSideOutput(SplitIntoWords.TOO_LATE)).extracting(r -> (LateWord) r.getValue())
                .containsExactlyInAnyOrder(
                        new LateWord("alpha", 2, 90_000, MIN, 2 * MIN, 200_000, "words", 3, 7, "too late"),
                        new LateWord("beta", 1, 90_000, MIN, 2 * MIN, 200_000, "words", 3, 7, "too late"));
    }
}
