package io.kappa.oracle;

/**
 * A record of the topic {@code <keyspace>-words-late} (rule 2), field for field its JSON
 * {@code {word, count, timestamp, windowStart, windowEnd, watermark, topic, partition, offset, reason}}, and its Kafka
 * key ({@code kafkaKey}: the word, as rule 2 keys it).
 * {@code count} is the word's occurrences in the line, {@code watermark} the partition watermark W(r) the record
 * was judged against (rule 1), {@code topic/partition/offset} the source record. The topic's contract is the set
 * of these by (topic, partition, offset, word) (rule 3); the record's own equality covers every field.
 */
public record LateWord(String word, long count, long timestamp, long windowStart, long windowEnd, long watermark,
                       String topic, int partition, long offset, String reason, String kafkaKey) {
    /** A late word of rule 2, keyed by its word. */
    public LateWord(String word, long count, long timestamp, long windowStart, long windowEnd, long watermark,
                    String topic, int partition, long offset, String reason) {
        this(word, count, timestamp, windowStart, windowEnd, watermark, topic, partition, offset, reason, word);
    }

    /** Rule 2's reason. */
    public static final String TOO_LATE = "too late";
    /** The timing rule's reason ({@link Expected#closedWords}). */
    public static final String CLOSED = "window closed by the other partitions' event time";
}
