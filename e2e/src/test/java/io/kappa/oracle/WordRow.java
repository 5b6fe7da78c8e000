package io.kappa.oracle;

/**
 * A row of {@code word_counts_by_window (window_start timestamp, word text, window_end timestamp, count bigint)}
 * (rule 2): times in epoch milliseconds.
 */
public record WordRow(long windowStart, String word, long windowEnd, long count) {
    public WordKey key() {
        return new WordKey(windowStart, word);
    }
}
