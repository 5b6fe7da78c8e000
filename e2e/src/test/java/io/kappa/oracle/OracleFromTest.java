package io.kappa.oracle;

import static io.kappa.oracle.OracleFixtures.B;
import static io.kappa.oracle.OracleFixtures.LONDON;
import static io.kappa.oracle.OracleFixtures.TOKYO;
import static io.kappa.oracle.OracleFixtures.WEATHER;
import static io.kappa.oracle.OracleFixtures.WORDS;
import static io.kappa.oracle.OracleFixtures.defaults;
import static io.kappa.oracle.OracleFixtures.doc;
import static io.kappa.oracle.OracleFixtures.row;
import static io.kappa.oracle.OracleFixtures.rows;
import static io.kappa.oracle.OracleFixtures.smallWords;
import static io.kappa.oracle.OracleFixtures.weather;
import static io.kappa.oracle.OracleFixtures.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rule 5, replay {@code --from T}: where each partition starts, what is ignored, and what equals a full replay. */
class OracleFromTest {

    @Test
    void wordsStartAtTheFirstRecordAtOrAfterTheAlignedStart() {
        // w = 10, T = 25 → S = 20.
        List<Oracle.Input> records = List.of(
                // partition 0: read from offset 1 (ts 21, the first ≥ 20); offset 2 (ts 15) is read and ignored;
                // the null at ts 22 is a dead letter; the null at ts 19 is read and ignored (no dead letter).
                word(0, 0, 5, "a"), word(0, 1, 21, "b"), word(0, 2, 15, "c"), word(0, 3, 22, null),
                word(0, 4, 19, null),
                // partition 1: every timestamp is before S: nothing is read
                word(1, 0, 3, "d"), word(1, 1, 19, "e"),
                // partition 2: offsetsForTimes picks offset 0 (ts 30 ≥ 20) although a later record has ts 18;
                // that one is read and ignored, and ts 20 is counted.
                word(2, 0, 30, "f"), word(2, 1, 18, "g"), word(2, 2, 20, "h"));
        Expected from = Oracle.compute(smallWords().withFrom(25L), records, List.of());
        assertThat(rows(from)).containsExactly(row(20, "b", 30, 1), row(20, "h", 30, 1), row(30, "f", 40, 1));
        assertThat(from.deadLetters()).extracting(DeadLetter::partition, DeadLetter::offset)
                .containsExactly(tuple(0, 3L));
        assertThat(from.lateWords()).isEmpty();

        // the rows of windows at or after S are exactly those of a full replay; no partial first window
        Expected full = Oracle.compute(smallWords(), records, List.of());
        assertThat(from.wordCounts()).isEqualTo(full.wordCounts().entrySet().stream()
                .filter(e -> e.getKey().windowStart() >= 20)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(full.wordCounts().keySet()).contains(new WordKey(10, "c"), new WordKey(0, "a"));
    }

    @Test
    void wordsFromANegativeTimeFloorsTheStart() {
        // w = 10, T = −5 → S = −10: ts −10 is in range, ts −11 is not.
        Expected e = Oracle.compute(smallWords().withFrom(-5L),
                List.of(word(0, 0, -11, "a"), word(0, 1, -10, "b"), word(0, 2, -11, "c"), word(0, 3, 0, "d")),
                List.of());
        assertThat(rows(e)).containsExactly(row(-10, "b", 0, 1), row(0, "d", 10, 1));
    }

    @Test
    void lateWordsInRangeAreTheFullReplays() {
        // S = 20. Partition 0: ts 40, then ts 21 (window [20,30): 34 ≤ 40−3 = 37 → too late in both runs).
        List<Oracle.Input> records = List.of(word(0, 0, 40, "x"), word(0, 1, 21, "y"));
        Expected from = Oracle.compute(smallWords().withFrom(25L), records, List.of());
        Expected full = Oracle.compute(smallWords(), records, List.of());
        assertThat(from.lateWords()).isEqualTo(full.lateWords())
                .containsExactly(new LateWord("y", 1, 21, 20, 30, 37, WORDS, 0, 1, "too late"));
    }

    @Test
    void weatherStartsAtSwMinusFAndIgnoresReadingsBeforeSw() {
        // ww = 1 h, F = 1 h, T = B·1000 + 30 min → Sw = B·1000; partitions start at the first timestamp ≥
        // B·1000 − 3 600 000.
        long sw = B * 1000;
        List<Oracle.Input> records = List.of(
                weather(0, 0, sw - 4_000_000, doc(LONDON, B - 4000, 290.15).toString()), // before the start
                weather(0, 1, sw - 4_000_000, null),                                       // before the start
                weather(0, 2, sw - 3_600_000, doc(LONDON, B - 3600, 291.15).toString()), // start; dt < Sw: ignored
                weather(0, 3, sw - 3_500_000, null),                  // read, invalid: no event time → dead letter
                weather(0, 4, sw - 100_000, doc(LONDON, B + 10, 292.15).toString()),     // counted
                weather(0, 5, sw + 20_000, doc(LONDON, B - 60, 293.15).toString()),      // dt < Sw: ignored
                weather(1, 0, sw - 7_200_000, doc(TOKYO, B - 7200, 293.15).toString())); // nothing read
        Expected from = Oracle.compute(defaults().withFrom(sw + 1_800_000), List.of(), records);
        assertThat(from.observations().keySet()).containsExactly(new ObservationKey(LONDON, (B + 10) * 1000));
        assertThat(from.latest().keySet()).containsExactly(LONDON);
        assertThat(from.weatherWindows().keySet()).containsExactly(new WindowKey(LONDON, sw));
        assertThat(from.deadLetters()).extracting(DeadLetter::topic, DeadLetter::partition, DeadLetter::offset)
                .containsExactly(tuple(WEATHER, 0, 3L));

        Expected full = Oracle.compute(defaults(), List.of(), records);
        assertThat(full.observations()).hasSize(5);
        assertThat(full.deadLetters()).hasSize(2);
        assertThat(from.observations()).isEqualTo(full.observations().entrySet().stream()
                .filter(e -> e.getKey().observedAt() >= sw)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(from.weatherWindows()).isEqualTo(full.weatherWindows().entrySet().stream()
                .filter(e -> e.getKey().windowStart() >= sw)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(from.latest().get(LONDON)).isEqualTo(full.latest().get(LONDON));
    }

    @Test
    void weatherLatestIsTheWinnerAmongReadingsFromSw() {
        // A full replay's latest for Tokyo is at B − 60 (before Sw = B); --from B has no Tokyo reading in range.
        long sw = B * 1000;
        List<Oracle.Input> records = List.of(
                weather(0, 0, sw - 60_000, doc(TOKYO, B - 60, 293.15).toString()),
                weather(0, 1, sw + 5_000, doc(LONDON, B + 5, 293.15).toString()));
        assertThat(Oracle.compute(defaults(), List.of(), records).latest().keySet()).containsExactly(TOKYO, LONDON);
        assertThat(Oracle.compute(defaults().withFrom(sw), List.of(), records).latest().keySet())
                .containsExactly(LONDON);
    }
}
