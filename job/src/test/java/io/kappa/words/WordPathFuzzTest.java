package io.kappa.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * No content can make the word path (decode, split) throw: random bytes, random text of every Unicode category
 * (unpaired surrogates, marks, format characters, letters outside the Basic Multilingual Plane), lines with words at
 * and around the word limit. The property: every record gives words (each non-empty, within the limit) or exactly one
 * dead letter with a reason, and nothing else.
 */
class WordPathFuzzTest {
    private static final int MAX_LINE = 4096;
    private static final int MAX_WORD = 16;
    private static final long MIN = 60_000;

    private static void isWordsOrOneDeadLetter(byte[] key, byte[] value, boolean tooLate) throws Exception {
        RawRecord record = new RawRecord("words", 0, 7, 90_000, key, value);
        record.tooLateAt = tooLate ? 200_000 : Long.MIN_VALUE;
        try (OneInputStreamOperatorTestHarness<RawRecord, TextLine> decode =
                     ProcessFunctionTestHarnesses.forProcessFunction(new DecodeTextLines(MAX_LINE))) {
            decode.processElement(record, 90_000);
            judgeDecoded(decode, tooLate);
        }
    }

    private static void judgeDecoded(OneInputStreamOperatorTestHarness<RawRecord, TextLine> decode, boolean tooLate)
            throws Exception {
        List<TextLine> lines = decode.extractOutputValues();
        assertThat(lines.size() + deadLetters(decode.getSideOutput(DecodeTextLines.DEAD_LETTERS))).isEqualTo(1);
        if (!lines.isEmpty()) {
            try (OneInputStreamOperatorTestHarness<TextLine, WordCount> split =
                         ProcessFunctionTestHarnesses.forProcessFunction(new SplitIntoWords(MAX_WORD, MIN))) {
                split.processElement(lines.get(0), 90_000);
                judgeSplit(split, tooLate);
            }
        }
    }

    private static void judgeSplit(OneInputStreamOperatorTestHarness<TextLine, WordCount> split, boolean tooLate) {
        for (WordCount w : split.extractOutputValues()) {
            assertThat(w.word).isNotEmpty();
            assertThat(w.word.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_WORD);
            assertThat(w.count).isPositive();
        }
        var late = split.getSideOutput(SplitIntoWords.TOO_LATE);
        if (late != null) {
            assertThat(tooLate).isTrue();
            late.forEach(r -> assertThat(((LateWord) r.getValue()).word).isNotEmpty());
        }
        int dead = deadLetters(split.getSideOutput(SplitIntoWords.DEAD_LETTERS));
        assertThat(dead).isLessThanOrEqualTo(1);
        if (dead > 0) {
            assertThat(split.extractOutputValues()).isEmpty();
            assertThat(late).isNullOrEmpty();
        }
    }

    private static int deadLetters(java.util.Queue<StreamRecord<DeadLetter>> side) {
        if (side == null) {
            return 0;
        }
        for (StreamRecord<DeadLetter> r : side) {
            assertThat(r.getValue().reason).isNotBlank();
        }
        return side.size();
    }

    @Property(tries = 2000)
    void randomBytes(@ForAll @Size(max = 200) byte[] value, @ForAll boolean tooLate) throws Exception {
        isWordsOrOneDeadLetter(null, value, tooLate);
    }

    @Property(tries = 3000)
    void randomText(@ForAll("text") String text, @ForAll boolean tooLate) throws Exception {
        isWordsOrOneDeadLetter(text.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8), tooLate);
    }

    @Property(tries = 500)
    void wordsAroundTheLimit(@ForAll @IntRange(min = 1, max = 3 * MAX_WORD) int length, @ForAll("letters") String letter,
                             @ForAll @IntRange(min = 0, max = MAX_LINE + 10) int padding) throws Exception {
        String line = " ".repeat(Math.max(0, padding - length)) + letter.repeat(length);
        isWordsOrOneDeadLetter(null, line.getBytes(StandardCharsets.UTF_8), false);
    }

    @Provide
    Arbitrary<String> letters() {
        return Arbitraries.of("a", "Z", "é", "e\u0301", "ß", "İ", "ı", "\uD835\uDC00", "ﬁ", "\u00AD", "\u200F", "'",
                "\u2019", "\u02BC", "\uFE0F", "\u200D", "漢", "\uD83D\uDE00");
    }

    /** Text drawn from all of Unicode, with extra weight on what the normaliser treats specially. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<Character> any = Arbitraries.chars();
        Arbitrary<Character> special = Arbitraries.of('\'', '\u2019', '\u02BC', '\u00AD', '\u200B', '\u200D', '\u200E',
                '\u200F', '\uFE0F', '\u0301', '\u0130', '\u0131', '\u00DF', '\u1E9E', '\uD835', '\uDC00', '\uFB01', ' ',
                '\t', '\n', '\u0000', 'A', 'a');
        return Arbitraries.oneOf(any, special).list().ofMaxSize(80).map(cs -> {
            StringBuilder b = new StringBuilder();
            cs.forEach(b::append);
            return b.toString();
        });
    }
}
