package io.kappa.kafka;

import io.kappa.core.DeadLetterWriter;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Rows Cassandra refused, into the dead-letter topic: key = the table, value = the row as JSON (times as epoch
 * milliseconds), headers {@code kappa.reason} and {@code kappa.table}. The producer is made on first use, with the side
 * topics' settings (acks=all, idempotence, one request in flight).
 */
public class KafkaDeadLetterWriter implements DeadLetterWriter {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "kappa.table";

    private final KafkaSettings kafka;
    private final String topic;
    private transient KafkaProducer<byte[], byte[]> producer;
    private transient ObjectMapper json;
    private transient AtomicReference<Exception> failure;

    public KafkaDeadLetterWriter(KafkaSettings kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    @Override
    public void open() {
        json = new ObjectMapper();
        failure = new AtomicReference<>();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = KafkaSinks.producerProperties(kafka);
            p.put("key.serializer", ByteArraySerializer.class.getName());
            p.put("value.serializer", ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    @Override
    public void write(String table, Map<String, Object> row, String reason) {
        Map<String, Object> shown = new LinkedHashMap<>();
        row.forEach((k, v) -> shown.put(k, v instanceof Date d ? d.getTime() : v));
        byte[] value;
        try {
            value = json.writeValueAsBytes(shown);
        } catch (JsonProcessingException e) {
            value = String.valueOf(shown).getBytes(StandardCharsets.UTF_8);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterSerializer.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(TABLE, table.getBytes(StandardCharsets.UTF_8));
        producer().send(new ProducerRecord<>(topic, null, null, table.getBytes(StandardCharsets.UTF_8), value, headers),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    @Override
    public void flush() {
        if (producer != null) {
            producer.flush();
        }
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("cannot write a refused row to the dead-letter topic " + topic, e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
