package io.kappa.client.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DiffTest {

    @Test
    void diffCountsEqualOnlyInOneAndDifferentRows() {
        Diff d = Diff.compare(
                Map.of("w1 a", 1L, "w1 b", 2L, "w1 c", 3L),
                Map.of("w1 a", 1L, "w1 b", 5L, "w1 d", 4L));
        assertThat(d.equal()).isEqualTo(1);
        assertThat(d.onlyLeft()).containsExactly("w1 c = 3");
        assertThat(d.onlyRight()).containsExactly("w1 d = 4");
        assertThat(d.different()).containsExactly("w1 b: 2 vs 5");
        assertThat(d.identical()).isFalse();
        assertThat(Diff.compare(Map.of("k", 1L), Map.of("k", 1L)).identical()).isTrue();
    }

    @Test
    void theReportCountsThenShowsAtMostFiveExamplesOfEachDifference() {
        Map<String, Long> left = new java.util.TreeMap<>();
        for (int i = 0; i < 7; i++) {
            left.put("w" + i, (long) i);
        }
        Diff d = Diff.compare(left, Map.of("w0", 0L, "x", 9L));
        assertThat(d.report("kappa", "kappa_v2")).containsExactly(
                "  rows equal: 1   only in kappa: 6   only in kappa_v2: 1   different: 0",
                "  only in kappa, e.g.:", "    w1 = 1", "    w2 = 2", "    w3 = 3", "    w4 = 4", "    w5 = 5",
                "  only in kappa_v2, e.g.:", "    x = 9");
        assertThat(Diff.compare(Map.of("k", 1L), Map.of("k", 1L)).report("a", "b"))
                .containsExactly("  rows equal: 1   only in a: 0   only in b: 0   different: 0");
    }
}
