package io.kappa.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Kafka record as it was read, before any decoding: where it came from, its timestamp and its bytes.
 * Decoding happens in the topology so that a record that cannot be decoded can still be sent, whole, to the
 * dead-letter topic. A POJO (public fields, no-arg constructor) so that Flink serialises it without Kryo.
 */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    /** The Kafka record timestamp, epoch milliseconds. */
    public long timestamp;
    /** Null when the record has no key. */
    public byte[] key;
    /** Null for a tombstone. */
    public byte[] value;
    /**
     * The verdict of event time on this record (docs/semantics.md, rule 1): the partition watermark at which it was
     * found too late, or {@link PartitionClock#NONE} while it is on time (or not judged yet).
     */
    public long tooLateAt = PartitionClock.NONE;

    public RawRecord() {}

    public RawRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
    }

    public boolean isTooLate() {
        return tooLateAt != PartitionClock.NONE;
    }

    /** Where the record lives, as {@code topic:partition:offset}. */
    public String position() {
        return topic + ":" + partition + ":" + offset;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RawRecord)) return false;
        RawRecord r = (RawRecord) o;
        return partition == r.partition && offset == r.offset && timestamp == r.timestamp
                && Objects.equals(topic, r.topic) && Arrays.equals(key, r.key) && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return "RawRecord{" + position() + " @" + timestamp + ", " + (value == null ? "null" : value.length + " bytes") + "}";
    }
}
