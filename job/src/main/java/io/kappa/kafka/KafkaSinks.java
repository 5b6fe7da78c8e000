package io.kappa.kafka;

import io.kappa.core.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.formats.json.JsonSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Kafka sinks for the side topics. At-least-once: after a restart a late record or a dead letter may appear
 * twice in its topic, never zero times. Written with {@code acks=all}, idempotence, and one request in flight per
 * connection, so that a retried batch is never overtaken by the next one (the idempotent producer's
 * OUT_OF_ORDER_SEQUENCE_NUMBER loop after a leader change, KAFKA-14359).
 */
public final class KafkaSinks {
    /**
     * The largest record the side topics take, in bytes: their producers' {@code max.request.size} and the
     * {@code max.message.bytes} of the side topics the job and {@code bin/kappa topics create} make (Kafka's own
     * defaults, written out so that a broker configured otherwise changes neither). Every side record is far below
     * it: a dead letter is at most about 132 KiB ({@link DeadLetterSerializer}), a late word or reading a few KiB.
     */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    private KafkaSinks() {}

    /** What a side topic is created with besides its replication ({@link #sideTopicConfigs}). */
    public static final java.util.Map<String, String> SIDE_TOPIC_CONFIGS =
            java.util.Map.of("max.message.bytes", Integer.toString(MAX_RECORD_BYTES));

    /** The topic configs of a side topic with this replication factor. */
    public static java.util.Map<String, String> sideTopicConfigs(int replicationFactor) {
        java.util.Map<String, String> configs = new java.util.TreeMap<>(KafkaReplication.topicConfigs(replicationFactor));
        configs.putAll(SIDE_TOPIC_CONFIGS);
        return configs;
    }

    public static KafkaSink<DeadLetter> deadLetters(KafkaSettings kafka, String topic) {
        return atLeastOnce(kafka, new DeadLetterSerializer(topic));
    }

    /** A POJO as JSON (its public fields), keyed by {@code key}. */
    public static <T> KafkaSink<T> json(KafkaSettings kafka, String topic, SerializableFunction<T, String> key) {
        return atLeastOnce(kafka, KafkaRecordSerializationSchema.<T>builder()
                .setTopic(topic)
                .setKeySerializationSchema(element -> key.apply(element).getBytes(StandardCharsets.UTF_8))
                .setValueSerializationSchema(new JsonSerializationSchema<T>())
                .build());
    }

    /** The side topics' producer settings, on top of the connection's client properties. */
    public static java.util.Properties producerProperties(KafkaSettings kafka) {
        java.util.Properties producer = kafka.clientProperties();
        producer.putIfAbsent("acks", "all");
        producer.putIfAbsent("enable.idempotence", "true");
        producer.putIfAbsent("max.in.flight.requests.per.connection", "1");
        producer.putIfAbsent("max.request.size", Integer.toString(MAX_RECORD_BYTES));
        return producer;
    }

    private static <T> KafkaSink<T> atLeastOnce(KafkaSettings kafka, KafkaRecordSerializationSchema<T> schema) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(producerProperties(kafka))
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
