package io.kappa.oracle;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record of the topic {@code <keyspace>-dead-letters} (rules 2 and 4): a words or weather record that is not
 * valid, with
 * <ul>
 *   <li>{@code topic, partition, offset, timestamp}: the source record (headers {@code kappa.source.topic},
 *       {@code kappa.source.partition}, {@code kappa.source.offset}, {@code kappa.source.timestamp});</li>
 *   <li>{@code key}: the source key, cut to its first {@value #MAX_VALUE_BYTES} bytes when longer (may be null);</li>
 *   <li>{@code keyTruncatedFrom}: the original length when the key was cut (header {@code kappa.key.truncated}), else
 *       null;</li>
 *   <li>{@code value}: the source value, cut to its first {@value #MAX_VALUE_BYTES} bytes when longer (null when
 *       the source had none);</li>
 *   <li>{@code valueTruncatedFrom}: the original length when the value was cut (header
 *       {@code kappa.value.truncated}), else null (no such header);</li>
 *   <li>{@code reason}: header {@code kappa.reason}, the text semantics.md gives.</li>
 * </ul>
 *
 * <p><b>Equality compares the reason by {@link #comparableReason()}</b>: two reasons end in a library's own
 * message, which the contract does not fix ({@code "not valid JSON: …"}, {@code "value is not valid UTF-8 (…)"});
 * they compare by their prefix {@code "not valid JSON:"} and {@code "value is not valid UTF-8 ("} only. Every
 * other reason compares in full. Keys and values compare by content.
 */
public record DeadLetter(String topic, int partition, long offset, long timestamp, byte[] key, Integer keyTruncatedFrom,
                         byte[] value, Integer valueTruncatedFrom, String reason) {

    /** 64 KiB: a longer key or value is cut to this many bytes (rule 2, dead letters). */
    public static final int MAX_VALUE_BYTES = 65536;
    static final String NOT_JSON_PREFIX = "not valid JSON:";
    static final String NOT_UTF8_PREFIX = "value is not valid UTF-8 (";

    /** The dead letter the job writes for {@code source}: key and value each cut to 64 KiB. */
    public static DeadLetter of(Oracle.Input source, String reason) {
        byte[] key = source.key();
        byte[] value = source.value();
        return new DeadLetter(source.topic(), source.partition(), source.offset(), source.timestamp(), cut(key),
                key != null && key.length > MAX_VALUE_BYTES ? key.length : null, cut(value),
                value != null && value.length > MAX_VALUE_BYTES ? value.length : null, reason);
    }

    private static byte[] cut(byte[] bytes) {
        return bytes != null && bytes.length > MAX_VALUE_BYTES ? Arrays.copyOf(bytes, MAX_VALUE_BYTES) : bytes;
    }

    /** The part of a reason the contract fixes (see the class comment). */
    public static String comparableReason(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.startsWith(NOT_JSON_PREFIX)) {
            return NOT_JSON_PREFIX;
        }
        if (reason.startsWith(NOT_UTF8_PREFIX)) {
            return NOT_UTF8_PREFIX;
        }
        return reason;
    }

    public String comparableReason() {
        return comparableReason(reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && Objects.equals(topic, d.topic) && partition == d.partition
                && offset == d.offset && timestamp == d.timestamp && Arrays.equals(key, d.key)
                && Objects.equals(keyTruncatedFrom, d.keyTruncatedFrom)
                && Arrays.equals(value, d.value) && Objects.equals(valueTruncatedFrom, d.valueTruncatedFrom)
                && Objects.equals(comparableReason(), d.comparableReason());
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(key), keyTruncatedFrom, Arrays.hashCode(value),
                valueTruncatedFrom, comparableReason());
    }

    @Override
    public String toString() {
        return "DeadLetter[" + topic + "-" + partition + "@" + offset + " (timestamp " + timestamp + "): " + reason
                + "; key " + Bytes.show(key) + (keyTruncatedFrom == null ? "" : " (cut from " + keyTruncatedFrom + " bytes)")
                + ", value " + Bytes.show(value)
                + (valueTruncatedFrom == null ? "" : " (cut from " + valueTruncatedFrom + " bytes)") + "]";
    }
}
