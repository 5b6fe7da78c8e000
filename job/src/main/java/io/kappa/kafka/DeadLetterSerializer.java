package io.kappa.kafka;

import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a dead letter as the original key and value, with the reason and source position in headers
 * ({@code kappa.reason}, {@code kappa.source.topic}, {@code kappa.source.partition}, {@code kappa.source.offset},
 * {@code kappa.source.timestamp}). A key or a value larger than {@link #MAX_VALUE_BYTES} is cut to that size (the
 * header {@code kappa.key.truncated} or {@code kappa.value.truncated} then says how long it was), and a reason to
 * {@link #MAX_REASON_BYTES}; the source position still points at the whole record. So a dead letter is never larger
 * than about 132 KiB, far below the largest record the side topics and their producers accept
 * ({@link KafkaSinks#MAX_RECORD_BYTES}): whatever the source record, its dead letter can be written.
 */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    public static final String REASON = "kappa.reason";
    public static final String SOURCE_TOPIC = "kappa.source.topic";
    public static final String SOURCE_PARTITION = "kappa.source.partition";
    public static final String SOURCE_OFFSET = "kappa.source.offset";
    public static final String SOURCE_TIMESTAMP = "kappa.source.timestamp";
    public static final String VALUE_TRUNCATED = "kappa.value.truncated";
    public static final String KEY_TRUNCATED = "kappa.key.truncated";
    /** The longest reason, in bytes of UTF-8; a longer one is cut (at a character boundary) and ends with "…". */
    public static final int MAX_REASON_BYTES = 4096;

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RawRecord r = letter.record;
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(reason(letter.reason)));
        headers.add(SOURCE_TOPIC, utf8(r.topic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(r.partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(r.offset)));
        headers.add(SOURCE_TIMESTAMP, utf8(Long.toString(r.timestamp)));
        byte[] key = r.key;
        if (key != null && key.length > MAX_VALUE_BYTES) {
            headers.add(KEY_TRUNCATED, utf8(Integer.toString(key.length)));
            key = Arrays.copyOf(key, MAX_VALUE_BYTES);
        }
        byte[] value = r.value;
        if (value != null && value.length > MAX_VALUE_BYTES) {
            headers.add(VALUE_TRUNCATED, utf8(Integer.toString(value.length)));
            value = Arrays.copyOf(value, MAX_VALUE_BYTES);
        }
        return new ProducerRecord<>(topic, null, r.timestamp, key, value, headers);
    }

    /** The reason as written: at most {@link #MAX_REASON_BYTES} bytes of UTF-8. */
    static String reason(String reason) {
        String s = String.valueOf(reason);
        if (s.length() * 3 <= MAX_REASON_BYTES || utf8(s).length <= MAX_REASON_BYTES) {
            return s;
        }
        int budget = MAX_REASON_BYTES - 3; // "…" is 3 bytes
        int end = 0;
        int bytes = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return s.substring(0, end) + "…";
    }

    private static byte[] utf8(String s) {
        return String.valueOf(s).getBytes(StandardCharsets.UTF_8);
    }
}
