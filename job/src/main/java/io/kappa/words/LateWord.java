package io.kappa.words;

import java.util.Objects;

/**
 * A word occurrence that arrived after its window had closed for good (window end + allowed lateness had
 * passed the watermark): it is not counted, and goes to the late topic instead of being lost.
 */
public class LateWord {
    public String word;
    public long count;
    /** Event time of the record the word came from, epoch milliseconds. */
    public long timestamp;
    public long windowStart;
    public long windowEnd;
    /** The watermark of the window operator when the word arrived. */
    public long watermark;

    public LateWord() {}

    public LateWord(String word, long count, long timestamp, long windowStart, long windowEnd, long watermark) {
        this.word = word;
        this.count = count;
        this.timestamp = timestamp;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.watermark = watermark;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LateWord)) return false;
        LateWord l = (LateWord) o;
        return count == l.count && timestamp == l.timestamp && windowStart == l.windowStart
                && windowEnd == l.windowEnd && Objects.equals(word, l.word);
    }

    @Override
    public int hashCode() {
        return Objects.hash(word, count, timestamp, windowStart, windowEnd);
    }

    @Override
    public String toString() {
        return "LateWord{" + word + "=" + count + " @" + timestamp + ", watermark " + watermark + "}";
    }
}
