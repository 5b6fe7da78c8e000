package io.kappa.client.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.words.TextNormaliser;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextGeneratorTest {
    private static final long T0 = 1_700_000_040_000L;

    private static TextGenerator.Spec spec(long lines, double outOfOrder, double tooLate, long seed) {
        return new TextGenerator.Spec(lines, 1000, 5, 10, 1.0, T0, Duration.ofHours(2), outOfOrder,
                Duration.ofSeconds(4), tooLate, Duration.ofMinutes(10), seed);
    }

    @Test
    void sameSeedSameLines() {
        TextGenerator a = new TextGenerator(spec(100, 0.1, 0.1, 7));
        TextGenerator b = new TextGenerator(spec(100, 0.1, 0.1, 7));
        while (a.hasNext()) {
            assertThat(a.next()).isEqualTo(b.next());
        }
        assertThat(b.hasNext()).isFalse();
    }

    @Test
    void wordsAreStableUniqueAndSurviveNormalisation() {
        Set<String> words = new HashSet<>();
        for (int r = 0; r < 10_000; r++) {
            String w = TextGenerator.word(r);
            assertThat(TextNormaliser.words(w)).containsExactly(w);
            words.add(w);
        }
        assertThat(words).hasSize(10_000);
    }

    @Test
    void timestampsSpanInOrderAndFrequenciesAreZipfLike() {
        TextGenerator gen = new TextGenerator(spec(20_000, 0, 0, 1));
        long last = Long.MIN_VALUE;
        Map<String, Integer> freq = new HashMap<>();
        long words = 0;
        while (gen.hasNext()) {
            TextGenerator.Line line = gen.next();
            assertThat(line.timestamp()).isGreaterThanOrEqualTo(last).isBetween(T0, T0 + Duration.ofHours(2).toMillis());
            last = line.timestamp();
            List<String> ws = TextNormaliser.words(line.text());
            assertThat(ws).hasSize(line.words()).hasSizeBetween(5, 10);
            words += ws.size();
            ws.forEach(w -> freq.merge(w, 1, Integer::sum));
        }
        // rank 1 is about twice rank 2 and ten times rank 10
        double r1 = freq.get(TextGenerator.word(0));
        assertThat(r1 / freq.get(TextGenerator.word(1))).isBetween(1.7, 2.3);
        assertThat(r1 / freq.get(TextGenerator.word(9))).isBetween(8.0, 12.5);
        assertThat(TextGenerator.wordsPerWindow(spec(20_000, 0, 0, 1), 60_000).values().stream()
                .mapToLong(Long::longValue).sum()).isEqualTo(words);
    }

    @Test
    void outOfOrderStaysWithinItsBoundAndTooLateGoesBeyond() {
        TextGenerator gen = new TextGenerator(spec(10_000, 0.2, 0.01, 3));
        int late = 0;
        int outOfOrder = 0;
        while (gen.hasNext()) {
            TextGenerator.Line line = gen.next();
            long nominal = T0 + line.index() * Duration.ofHours(2).toMillis() / 10_000;
            long behind = nominal - line.timestamp();
            if (line.tooLate()) {
                late++;
                assertThat(behind).isEqualTo(Duration.ofMinutes(10).toMillis());
            } else {
                assertThat(behind).isBetween(0L, 4_000L);
                outOfOrder += behind > 0 ? 1 : 0;
            }
        }
        assertThat(late).isBetween(50, 150);
        assertThat(outOfOrder).isBetween(1700, 2300);
    }
}
