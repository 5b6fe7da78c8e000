package io.kappa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountedRowsTest {

    @Test
    void windowsInOrderEachWordOnceAndTheFirstWindowsAsASample() {
        Map<Long, Map<String, long[]>> counts = new HashMap<>();
        counts.put(120_000L, new HashMap<>(Map.of(new String("ka"), new long[] {3}))); // another "ka" than below
        counts.put(0L, new HashMap<>(Map.of("ka", new long[] {1}, "to", new long[] {2})));
        counts.put(60_000L, new HashMap<>(Map.of("ri", new long[] {5})));
        CountedRows rows = CountedRows.of(counts, 60_000);
        assertThat(rows.rows()).isEqualTo(4);
        assertThat(rows.windows()).extracting(CountedRows.Window::start).containsExactly(0L, 60_000L, 120_000L);
        CountedRows.Window first = rows.windows().get(0);
        int ka = first.words()[0].equals("ka") ? 0 : 1;
        assertThat(first.counts()[ka]).isEqualTo(1);
        assertThat(first.counts()[1 - ka]).isEqualTo(2);
        assertThat(rows.windows().get(2).words()[0]).isSameAs(first.words()[ka]);

        assertThat(rows.head(2).windows()).hasSize(1);
        assertThat(rows.head(3).rows()).isEqualTo(3);
        assertThat(rows.head(100).rows()).isEqualTo(4);
    }
}
