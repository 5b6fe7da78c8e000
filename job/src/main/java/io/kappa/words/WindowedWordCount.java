package io.kappa.words;

import java.time.Instant;
import java.util.Objects;

/**
 * The count of one word in one event-time window: the row that is upserted, keyed by (window, word). When an
 * allowed-late record arrives the same key is emitted again with the larger count.
 */
public class WindowedWordCount {
    /** Window start, epoch milliseconds, inclusive. */
    public long windowStart;
    /** Window end, epoch milliseconds, exclusive. */
    public long windowEnd;
    public String word;
    public long count;

    public WindowedWordCount() {}

    public WindowedWordCount(long windowStart, long windowEnd, String word, long count) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.word = word;
        this.count = count;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WindowedWordCount)) return false;
        WindowedWordCount w = (WindowedWordCount) o;
        return windowStart == w.windowStart && windowEnd == w.windowEnd && count == w.count && Objects.equals(word, w.word);
    }

    @Override
    public int hashCode() {
        return Objects.hash(windowStart, windowEnd, word, count);
    }

    @Override
    public String toString() {
        return "[" + Instant.ofEpochMilli(windowStart) + ", " + Instant.ofEpochMilli(windowEnd) + ") " + word + "=" + count;
    }
}
