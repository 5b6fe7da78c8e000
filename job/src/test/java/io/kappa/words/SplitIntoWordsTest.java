package io.kappa.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
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

    @Test
    void anAsciiLineUpToTheWordLimitIsSplitWordByWordAndEveryOccurrenceCounted() throws Exception {
        OneInputStreamOperatorTestHarness<TextLine, WordCount> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new SplitIntoWords(8, MIN));
        h.processElement(line(0, "The the, THE don't", Long.MIN_VALUE), 90_000); // 18 chars: the general path
        h.processElement(line(1, "a b a", Long.MIN_VALUE), 90_000); // the fast path, word by word
        h.processElement(line(2, "x".repeat(8), Long.MIN_VALUE), 90_000); // one word of exactly the limit
        h.processElement(line(3, "x".repeat(9), Long.MIN_VALUE), 90_000); // one byte over: not the fast path
        Map<String, Long> sums = new TreeMap<>();
        h.extractOutputValues().forEach(w -> sums.merge(w.word, w.count, Long::sum));
        assertThat(sums).containsExactlyEntriesOf(new TreeMap<>(Map.of("the", 3L, "don't", 1L, "a", 2L, "b", 1L,
                "x".repeat(8), 1L)));
        assertThat(h.extractOutputValues()).extracting(w -> w.word + "x" + w.count)
                .contains("ax1", "bx1").doesNotContain("ax2"); // the fast path does not sum within a line
        assertThat(h.getSideOutput(SplitIntoWords.DEAD_LETTERS)).extracting(r -> ((DeadLetter) r.getValue()).record.offset)
                .containsExactly(3L);
    }
}
