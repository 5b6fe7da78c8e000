package io.kappa.bench;

import io.kappa.client.kafka.Produce;
import io.kappa.client.kafka.TopicReader;
import io.kappa.kafka.KafkaSettings;

/**
 * What a topic holds, independent of the order of its records (partitions interleave differently from run to run):
 * the number of records and the sum (modulo 2^64) of a 64-bit hash of each record's key, timestamp and value. The
 * bench computes it from its generators ({@link Produce#generateInto}, {@link Produce#simulateInto}) and from a
 * dataset topic it reuses, to know that the topic holds the data it would produce.
 */
public final class Fingerprint implements Produce.Records {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private long records;
    private long sum;

    /** What the topic holds: it is read once, from its first offset to its end. */
    public static Fingerprint ofTopic(KafkaSettings kafka, String topic) {
        Fingerprint f = new Fingerprint();
        TopicReader.readToEnd(kafka, topic, r -> f.add(r.key(), r.timestamp(), r.value()));
        return f;
    }

    @Override
    public void send(byte[] key, byte[] value, Long timestamp) {
        add(key, timestamp == null ? Long.MIN_VALUE : timestamp, value);
    }

    public void add(byte[] key, long timestamp, byte[] value) {
        records++;
        sum += hash(key, timestamp, value);
    }

    public long records() {
        return records;
    }

    /** The order-independent part: the sum of the records' hashes. */
    public long sum() {
        return sum;
    }

    public boolean matches(Fingerprint other) {
        return records == other.records && sum == other.sum;
    }

    /** A record's 64-bit hash: FNV-1a over its key (with its length), timestamp and value, then a final mix. */
    static long hash(byte[] key, long timestamp, byte[] value) {
        long h = bytes(FNV_OFFSET, key);
        h = (h ^ timestamp) * FNV_PRIME;
        h = bytes(h, value);
        return mix(h);
    }

    /** The length (−1 for none), then each byte. */
    private static long bytes(long h, byte[] b) {
        h = (h ^ (b == null ? -1 : b.length)) * FNV_PRIME;
        if (b != null) {
            for (byte x : b) {
                h = (h ^ (x & 0xff)) * FNV_PRIME;
            }
        }
        return h;
    }

    /** MurmurHash3's finaliser: every input bit reaches every output bit, so sums of hashes do not cancel out. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Records and sum, in hexadecimal: what a mismatch prints. */
    @Override
    public String toString() {
        return String.format("%,d records, %016x", records, sum);
    }
}
