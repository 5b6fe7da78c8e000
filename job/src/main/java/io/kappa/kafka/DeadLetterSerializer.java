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
 * {@code kappa.source.timestamp}). A value larger than {@link #MAX_VALUE_BYTES} is cut to that size (the
 * header {@code kappa.value.truncated} then says how long it was); the source position still points at the
 * whole record.
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

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RawRecord r = letter.record;
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(letter.reason));
        headers.add(SOURCE_TOPIC, utf8(r.topic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(r.partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(r.offset)));
        headers.add(SOURCE_TIMESTAMP, utf8(Long.toString(r.timestamp)));
        byte[] value = r.value;
        if (value != null && value.length > MAX_VALUE_BYTES) {
            headers.add(VALUE_TRUNCATED, utf8(Integer.toString(value.length)));
            value = Arrays.copyOf(value, MAX_VALUE_BYTES);
        }
        return new ProducerRecord<>(topic, null, r.timestamp, r.key, value, headers);
    }

    private static byte[] utf8(String s) {
        return String.valueOf(s).getBytes(StandardCharsets.UTF_8);
    }
}
