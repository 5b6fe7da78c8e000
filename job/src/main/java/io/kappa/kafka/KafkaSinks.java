package io.kappa.kafka;

import io.kappa.words.LateWord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.formats.json.JsonSerializationSchema;

/**
 * Kafka sinks for the side topics. At-least-once: after a restart a late word or a dead letter may appear
 * twice in its topic, never zero times.
 */
public final class KafkaSinks {
    private KafkaSinks() {}

    public static KafkaSink<DeadLetter> deadLetters(KafkaSettings kafka, String topic) {
        return atLeastOnce(kafka, new DeadLetterSerializer(topic));
    }

    /** Late words as JSON, keyed by the word. */
    public static KafkaSink<LateWord> lateWords(KafkaSettings kafka, String topic) {
        return atLeastOnce(kafka, KafkaRecordSerializationSchema.<LateWord>builder()
                .setTopic(topic)
                .setKeySerializationSchema(late -> late.word.getBytes(StandardCharsets.UTF_8))
                .setValueSerializationSchema(new JsonSerializationSchema<>())
                .build());
    }

    private static <T> KafkaSink<T> atLeastOnce(KafkaSettings kafka, KafkaRecordSerializationSchema<T> schema) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(kafka.clientProperties())
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
