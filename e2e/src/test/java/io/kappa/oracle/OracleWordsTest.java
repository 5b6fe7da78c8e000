package io.kappa.oracle;

import static io.kappa.oracle.OracleFixtures.WORDS;
import static io.kappa.oracle.OracleFixtures.defaults;
import static io.kappa.oracle.OracleFixtures.row;
import static io.kappa.oracle.OracleFixtures.rows;
import static io.kappa.oracle.OracleFixtures.smallWords;
import static io.kappa.oracle.OracleFixtures.word;
import static io.kappa.oracle.OracleFixtures.wordBytes;
import static io.kappa.oracle.OracleFixtures.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules 1 and 2 (and 3's identity of side records) on hand-worked examples. Unless a test says otherwise:
 * w = 10, L = 5, D = 2 ({@link OracleFixtures#smallWords}), so a record of window [s, s+10) is too late iff the
 * partition's earlier maximum M satisfies s + 9 + 5 ≤ M − 3, i.e. M ≥ s + 17.
 */
class OracleWordsTest {

    @Test
    void defaultsAreTheJobsOptions() {
        Oracle.Settings s = defaults();
        assertThat(List.of(s.windowMs(), s.allowedLatenessMs(), s.outOfOrdernessMs(), s.weatherWindowMs(),
                s.maxDtAheadMs())).containsExactly(60_000L, 60_000L, 5_000L, 3_600_000L, 3_600_000L);
        assertThat(List.of(s.maxLineBytes(), s.maxWordBytes(), s.maxWeatherBytes()))
                .containsExactly(1_048_576, 512, 65_536);
        assertThat(s.fromMillis()).isNull();
    }

    @Test
    void nothingInNothingOut() {
        Expected e = Oracle.compute(smallWords(), List.of(), List.of());
        assertThat(e.wordCounts()).isEmpty();
        assertThat(e.lateWords()).isEmpty();
        assertThat(e.deadLetters()).isEmpty();
        assertThat(e.observations()).isEmpty();
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void onePartitionInOrder() {
        // t=1 "a b a" and t=5 "B" fall in [0,10): a 2, b 2 (lower case); t=12 "a" in [10,20).
        Expected e = words(smallWords(),
                word(0, 0, 1, "a b a"),
                word(0, 1, 5, "B"),
                word(0, 2, 12, "a"));
        assertThat(rows(e)).containsExactly(row(0, "a", 10, 2), row(0, "b", 10, 2), row(10, "a", 20, 1));
        assertThat(e.lateWords()).isEmpty();
        assertThat(e.deadLetters()).isEmpty();
    }

    @Test
    void wordsAreWhatTheNormaliserMakesAndTheKeyIsNotUsed() {
        // NFKC ("ﬁ" → "fi", full-width "Ｘ" → "x"), lower case, apostrophe between letters kept, hyphen splits
        Expected e = words(defaults(),
                new Oracle.Input(WORDS, 0, 0, 1, "k".getBytes(), "ﬁ Ｘ don't well-known".getBytes()));
        assertThat(rows(e)).extracting(WordRow::word).containsExactlyInAnyOrder("fi", "x", "don't", "well", "known");
    }

    @Test
    void outOfOrderWithinDIsCounted() {
        // t=11, then t=9: M=11, W = 11−2−1 = 8; window [0,10): 0+9+5 = 14 ≤ 8? no → on time.
        Expected e = words(smallWords(), word(0, 0, 11, "x"), word(0, 1, 9, "x"));
        assertThat(rows(e)).containsExactly(row(0, "x", 10, 1), row(10, "x", 20, 1));
        assertThat(e.lateWords()).isEmpty();
    }

    @Test
    void tooLateByExactlyOneMillisecond() {
        // t=17 then t=3: W = 17−3 = 14; window [0,10): 14 ≤ 14 → too late (the boundary of the inequality).
        Expected e = words(smallWords(), word(0, 0, 17, "z"), word(0, 1, 3, "late Late x late"));
        assertThat(rows(e)).containsExactly(row(10, "z", 20, 1));
        // one late word per distinct word, with its count in the line, W(r) and the source position
        assertThat(e.lateWords()).containsExactlyInAnyOrder(
                new LateWord("late", 3, 3, 0, 10, 14, WORDS, 0, 1, "too late"),
                new LateWord("x", 1, 3, 0, 10, 14, WORDS, 0, 1, "too late"));
    }

    @Test
    void justOnTime() {
        // t=16 then t=3: W = 16−3 = 13; 14 ≤ 13? no → on time, counted.
        Expected e = words(smallWords(), word(0, 0, 16, "z"), word(0, 1, 3, "late"));
        assertThat(rows(e)).containsExactly(row(0, "late", 10, 1), row(10, "z", 20, 1));
        assertThat(e.lateWords()).isEmpty();
    }

    @Test
    void allowedLatenessRecountsAPassedWindow() {
        // t=5, then t=14 (W=11 when the later record comes: the window [0,10) has ended, 9 ≤ 11), then t=2 again:
        // W = 14−3 = 11 < 14, within the allowed lateness → counted into the same row (count 2).
        Expected e = words(smallWords(), word(0, 0, 5, "a"), word(0, 1, 14, "b"), word(0, 2, 2, "a"));
        assertThat(rows(e)).containsExactly(row(0, "a", 10, 2), row(10, "b", 20, 1));
    }

    @Test
    void eachPartitionHasItsOwnWatermark() {
        // The same record (t=3 "w") on two partitions. Partition 0 has already seen t=20: W = 17 ≥ 14 → too late.
        // Partition 1 has seen only t=12: W = 9 < 14 → on time. (A watermark combined over partitions would
        // judge both alike.)
        Expected e = words(smallWords(),
                word(0, 0, 20, "p"), word(1, 0, 12, "q"),
                word(0, 1, 3, "w"), word(1, 1, 3, "w"));
        assertThat(rows(e)).containsExactly(row(0, "w", 10, 1), row(10, "q", 20, 1), row(20, "p", 30, 1));
        assertThat(e.lateWords()).containsExactly(new LateWord("w", 1, 3, 0, 10, 17, WORDS, 0, 1, "too late"));
    }

    @Test
    void countsFromSeveralPartitionsAddUp() {
        Expected e = words(smallWords(), word(0, 0, 1, "a"), word(1, 0, 2, "a a"), word(2, 7, 9, "a"));
        assertThat(rows(e)).containsExactly(row(0, "a", 10, 4));
    }

    @Test
    void invalidRecordsOfEveryKindAreDeadLettersAndStillAdvanceTheWatermark() {
        // Each invalid record's timestamp counts towards M_p (rule 1): after the null at t=30, W = 27, so the
        // valid t=3 record behind it is too late (14 ≤ 27) although no valid record passed 3.
        byte[] badUtf8 = {(byte) 0xC3, (byte) 0x28};
        Expected e = words(smallWords(),
                word(0, 0, 30, null),
                word(0, 1, 3, "a"),
                word(1, 0, 30, "x".repeat(33)),   // 33 bytes > 32
                word(1, 1, 3, "b"),
                wordBytes(2, 0, 30, badUtf8),
                wordBytes(2, 1, 3, "c".getBytes()),
                word(3, 0, 30, "ok abcde"),       // a word of 5 bytes > 4
                word(3, 1, 3, "d"));
        assertThat(e.wordCounts()).isEmpty();
        assertThat(e.lateWords()).extracting(LateWord::word, LateWord::watermark)
                .containsExactlyInAnyOrder(
                        tuple("a", 27L), tuple("b", 27L),
                        tuple("c", 27L), tuple("d", 27L));
        assertThat(e.deadLetters()).extracting(DeadLetter::partition, DeadLetter::reason).containsExactly(
                tuple(0, "record has no value (null)"),
                tuple(1,
                        "line of 33 bytes is longer than the limit of 32 bytes (--max-line-bytes)"),
                tuple(2, "value is not valid UTF-8 (Input length = 1)"),
                tuple(3,
                        "line has a word of 5 bytes, longer than the limit of 4 bytes (--max-word-bytes)"));
        DeadLetter utf8 = e.deadLetters().stream().filter(d -> d.partition() == 2).findFirst().orElseThrow();
        assertThat(utf8).isEqualTo(new DeadLetter(WORDS, 2, 0, 30, null, null, badUtf8, null,
                "value is not valid UTF-8 (some other library text)"));
        assertThat(utf8.comparableReason()).isEqualTo("value is not valid UTF-8 (");
    }

    @Test
    void anInvalidRecordIsADeadLetterWhateverItsTiming() {
        // t=30 then t=3 with no value: too late by its time, but invalid → a dead letter, no late word.
        Expected e = words(smallWords(), word(0, 0, 30, "x"), word(0, 1, 3, null));
        assertThat(e.lateWords()).isEmpty();
        assertThat(e.deadLetters()).containsExactly(
                new DeadLetter(WORDS, 0, 1, 3, null, null, null, null, "record has no value (null)"));
    }

    @Test
    void limitsAreInclusiveAndWordsAreMeasuredInUtf8AfterNormalising() {
        // --max-line-bytes 32, --max-word-bytes 4
        Expected e = words(smallWords(),
                word(0, 0, 1, "x".repeat(32)),  // a line of exactly 32 bytes: valid, but its one word is 32 bytes
                word(0, 1, 1, "abcd"),          // 4 bytes: valid
                word(0, 2, 1, "éé"),            // 2 letters, 4 bytes: valid
                word(0, 3, 1, "ééé"),           // 6 bytes: invalid
                word(0, 4, 1, "ﬁﬁ"),            // 6 bytes as sent, "fifi" (4 bytes) after NFKC: valid
                word(0, 5, 1, "ab abcdef abcdefg")); // the first too-long word is named
        assertThat(rows(e)).containsExactly(row(0, "abcd", 10, 1), row(0, "fifi", 10, 1), row(0, "éé", 10, 1));
        assertThat(e.deadLetters()).extracting(DeadLetter::offset, DeadLetter::reason).containsExactly(
                tuple(0L,
                        "line has a word of 32 bytes, longer than the limit of 4 bytes (--max-word-bytes)"),
                tuple(3L,
                        "line has a word of 6 bytes, longer than the limit of 4 bytes (--max-word-bytes)"),
                tuple(5L,
                        "line has a word of 6 bytes, longer than the limit of 4 bytes (--max-word-bytes)"));
    }

    @Test
    void overLongWordWithTheDefaultLimit() {
        Expected e = words(defaults(), word(0, 0, 1, "short " + "y".repeat(512)), word(0, 1, 1, "z".repeat(513)));
        assertThat(rows(e)).containsExactly(row(0, "short", 60_000, 1), row(0, "y".repeat(512), 60_000, 1));
        assertThat(e.deadLetters()).extracting(DeadLetter::reason).containsExactly(
                "line has a word of 513 bytes, longer than the limit of 512 bytes (--max-word-bytes)");
    }

    @Test
    void anEmptyLineIsValidHasNoWordsAndAdvancesTheWatermark() {
        // "" at t=30: valid, no rows; W = 27 for the next record, so t=3 is too late.
        Expected e = words(smallWords(), word(0, 0, 30, ""), word(0, 1, 3, "a"), word(0, 2, 40, " ,. "));
        assertThat(e.wordCounts()).isEmpty();
        assertThat(e.deadLetters()).isEmpty();
        assertThat(e.lateWords()).containsExactly(new LateWord("a", 1, 3, 0, 10, 27, WORDS, 0, 1, "too late"));
    }

    @Test
    void aValueOver64KiBIsCutInItsDeadLetter() {
        byte[] value = new byte[70_000];
        Arrays.fill(value, (byte) 0xFF); // not UTF-8
        Expected e = words(defaults(), new Oracle.Input(WORDS, 0, 5, 1, new byte[] {1, 2}, value));
        DeadLetter d = e.deadLetters().iterator().next();
        assertThat(d.value()).hasSize(65_536).isEqualTo(Arrays.copyOf(value, 65_536));
        assertThat(d.valueTruncatedFrom()).isEqualTo(70_000);
        assertThat(d.key()).containsExactly(1, 2);
        assertThat(d.reason()).startsWith("value is not valid UTF-8 (");
    }

    @Test
    void aKeyOver64KiBIsCutInItsDeadLetterToo() {
        byte[] key = new byte[1_200_000];
        DeadLetter d = DeadLetter.of(new Oracle.Input(WORDS, 0, 0, 5, key, null), "record has no value (null)");
        assertThat(d.key()).hasSize(DeadLetter.MAX_VALUE_BYTES);
        assertThat(d.keyTruncatedFrom()).isEqualTo(1_200_000);
        assertThat(d.valueTruncatedFrom()).isNull();
    }

    @Test
    void deadLettersCompareLibraryReasonsByPrefixOnly() {
        DeadLetter a = new DeadLetter("t", 0, 1, 2, null, null, new byte[] {1}, null, "not valid JSON: Unexpected end");
        assertThat(a).isEqualTo(new DeadLetter("t", 0, 1, 2, null, null, new byte[] {1}, null, "not valid JSON: other"))
                .hasSameHashCodeAs(new DeadLetter("t", 0, 1, 2, null, null, new byte[] {1}, null, "not valid JSON: x"))
                .isNotEqualTo(new DeadLetter("t", 0, 1, 2, null, null, new byte[] {1}, null, "not a JSON object"))
                .isNotEqualTo(new DeadLetter("t", 0, 1, 2, null, null, new byte[] {2}, null, "not valid JSON: x"));
        DeadLetter b = new DeadLetter("t", 0, 1, 2, null, null, null, null, "missing field id");
        assertThat(b).isNotEqualTo(new DeadLetter("t", 0, 1, 2, null, null, null, null, "missing field dt"));
    }

    @Test
    void negativeTimesUseFloorDivision() {
        // t=−11 is in [−20, −10); t=−1 and t=−10 in [−10, 0). (t=−10 after t=−1: W = −4, and −10+9+5 = 4 > −4.)
        Expected e = words(smallWords(), word(0, 0, -11, "a"), word(0, 1, -1, "a"), word(0, 2, -10, "a"));
        assertThat(rows(e)).containsExactly(row(-20, "a", -10, 1), row(-10, "a", 0, 2));
    }

    @Test
    void negativeTimesAtTheLatenessBoundary() {
        // t=7 then t=−1: W = 7−3 = 4; window [−10, 0): −10+9+5 = 4 ≤ 4 → too late.
        // t=6 then t=−1: W = 3 < 4 → on time.
        Expected late = words(smallWords(), word(0, 0, 7, "a"), word(0, 1, -1, "b"));
        assertThat(late.lateWords()).containsExactly(new LateWord("b", 1, -1, -10, 0, 4, WORDS, 0, 1, "too late"));
        Expected onTime = words(smallWords(), word(0, 0, 6, "a"), word(0, 1, -1, "b"));
        assertThat(rows(onTime)).containsExactly(row(-10, "b", 0, 1), row(0, "a", 10, 1));
    }

    @Test
    void recordsOutOfOffsetOrderAreRefused() {
        assertThatThrownBy(() -> words(smallWords(), word(0, 5, 1, "a"), word(0, 5, 2, "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset order");
    }
}
