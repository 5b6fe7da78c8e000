package io.kappa.client.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WordCountsTest {

    @Test
    void totalsSumRowsPerWindow() {
        assertThat(WordCounts.totals(Map.of(
                WordCounts.key(0, "a"), 2L, WordCounts.key(0, "b"), 3L, WordCounts.key(60_000, "a"), 1L)))
                .containsExactly(Map.entry(0L, 5L), Map.entry(60_000L, 1L));
    }

    @Test
    void aKeyIsTheWindowStartThenTheWord() {
        assertThat(WordCounts.key(60_000, "fox")).isEqualTo("1970-01-01T00:01:00Z fox");
        assertThat(WordCounts.windowStartOf("1970-01-01T00:01:00Z fox")).isEqualTo(60_000);
    }
}
