package io.kappa.weather;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one tie-break between two different readings of a city with the same {@code dt} (docs/semantics.md, rule 4):
 * the reading key {@code k} is the first 8 bytes (big-endian, unsigned) of SHA-256 over
 * {@code cityId|dt|tempK|humidity|pressure|windMs|windDeg|condition|description|city|country|lat|lon|timeZone}
 * (numbers as Java prints them, text with {@code \} and {@code |} escaped by a backslash), and the larger
 * {@code (dt, k mod 10^6, k)} wins. Every operator that picks a reading uses {@link #wins}, and Cassandra rows that hold
 * a reading carry the write timestamp {@link #writeTimeMicros}, so Cassandra keeps the same winner whatever order the
 * writes come in.
 */
public final class ReadingKey {
    private ReadingKey() {}

    public static long of(Observation o, Reading r) {
        String text = r.cityId + "|" + r.dt + "|" + Double.toString(r.tempK) + "|" + r.humidity + "|" + r.pressure + "|"
                + Double.toString(r.windMs) + "|" + r.windDeg + "|" + escape(r.condition) + "|" + escape(r.description)
                + "|" + escape(o.city) + "|" + escape(o.country) + "|" + Double.toString(o.lat) + "|"
                + Double.toString(o.lon) + "|" + escape(o.timeZone);
        byte[] hash = sha256(text.getBytes(StandardCharsets.UTF_8));
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (hash[i] & 0xFF);
        }
        return k;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** {@code dt · 10^6 + (k mod 10^6)}, microseconds. */
    public static long writeTimeMicros(long dtSeconds, long key) {
        return dtSeconds * 1_000_000L + Long.remainderUnsigned(key, 1_000_000L);
    }

    /** True when a reading at {@code (dt, key)} beats one at {@code (otherDt, otherKey)}. */
    public static boolean wins(long dt, long key, long otherDt, long otherKey) {
        if (dt != otherDt) {
            return dt > otherDt;
        }
        int byMod = Long.compare(Long.remainderUnsigned(key, 1_000_000L), Long.remainderUnsigned(otherKey, 1_000_000L));
        return byMod != 0 ? byMod > 0 : Long.compareUnsigned(key, otherKey) > 0;
    }
}
