package io.kappa.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The (window, word) rows the one-thread count (a') computed, kept compactly for the sink's run (s): per window, in
 * order, its words (one String per distinct word of the whole dataset) and their counts.
 *
 * @param windowMillis the windows' length: a row's window end is its start plus this
 */
public record CountedRows(List<Window> windows, long windowMillis, long rows) {

    /** One window's rows: {@code words[i]} was counted {@code counts[i]} times. */
    public record Window(long start, String[] words, long[] counts) {}

    /** From the count's maps (window start → word → count). */
    static CountedRows of(Map<Long, Map<String, long[]>> counts, long windowMillis) {
        Map<String, String> distinct = new HashMap<>();
        List<Window> windows = new ArrayList<>();
        long rows = 0;
        for (Map.Entry<Long, Map<String, long[]>> w : new TreeMap<>(counts).entrySet()) {
            String[] words = new String[w.getValue().size()];
            long[] n = new long[words.length];
            int i = 0;
            for (Map.Entry<String, long[]> e : w.getValue().entrySet()) {
                words[i] = distinct.computeIfAbsent(e.getKey(), k -> k);
                n[i++] = e.getValue()[0];
            }
            windows.add(new Window(w.getKey(), words, n));
            rows += words.length;
        }
        return new CountedRows(List.copyOf(windows), windowMillis, rows);
    }

    /** The first windows, as many as hold {@code rows} rows or just more (all of them if they hold fewer). */
    CountedRows head(long rows) {
        List<Window> head = new ArrayList<>();
        long n = 0;
        for (Window w : windows) {
            if (n >= rows) {
                break;
            }
            head.add(w);
            n += w.words().length;
        }
        return new CountedRows(List.copyOf(head), windowMillis, n);
    }
}
