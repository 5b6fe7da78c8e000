package io.kappa.words;

import java.util.Objects;

/**
 * A word of a record that came too late to be counted (docs/semantics.md, rule 2): it goes to the late topic as JSON
 * instead of being lost. It names its source record, so that a reader can drop the repeats that at-least-once delivery
 * may write after a failure (rule 3): the key is (topic, partition, offset, word).
 */
public class LateWord {
    public String word;
    /** Occurrences of the word in the record's line. */
    public long count;
    /** Event time of the record the word came from, epoch milliseconds. */
    public long timestamp;
    public long windowStart;
    public long windowEnd;
    /** The partition watermark that made the record too late. */
    public long watermark;
    /** The source record; null, −1 and −1 when unknown (see {@link #CLOSED_REASON}). */
    public String topic;
    public int partition;
    public long offset;
    /** {@code too late}, or {@link #CLOSED_REASON}. */
    public String reason;

    /**
     * A record on time for its partition whose window had been closed on the other partitions' event time while its
     * own partition was idle or not read yet (docs/semantics.md, "Late partitions"). Such words may have been summed
     * per word and window before they were found late, so they carry no single source position.
     */
    public static final String CLOSED_REASON = "window closed by the other partitions' event time";

    public LateWord() {}

    public LateWord(String word, long count, long timestamp, long windowStart, long windowEnd, long watermark,
                    String topic, int partition, long offset, String reason) {
        this.word = word;
        this.count = count;
        this.timestamp = timestamp;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.watermark = watermark;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.reason = reason;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LateWord l)) return false;
        return count == l.count && timestamp == l.timestamp && windowStart == l.windowStart && windowEnd == l.windowEnd
                && watermark == l.watermark && partition == l.partition && offset == l.offset
                && Objects.equals(word, l.word) && Objects.equals(topic, l.topic) && Objects.equals(reason, l.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(word, timestamp, topic, partition, offset);
    }

    @Override
    public String toString() {
        return "LateWord{" + word + "=" + count + " @" + timestamp + " from " + topic + ":" + partition + ":" + offset
                + ", watermark " + watermark + ", " + reason + "}";
    }
}
