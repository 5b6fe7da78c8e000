package io.kappa.client.kafka;

import io.kappa.kafka.KafkaSettings;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one place where the CLI's, the bench's and the tests' Kafka producers get their settings, chosen to hold on a
 * single local broker and on a real cluster alike (docs/operations.md, "Producing"):
 * <ul>
 *   <li>{@code acks=all} and idempotence: a record counts as sent once every in-sync replica has it, and a retry
 *       never writes it twice;</li>
 *   <li>one request in flight per connection: a retried batch can never be overtaken by the next one, which is what
 *       leaves an idempotent producer retrying OUT_OF_ORDER_SEQUENCE_NUMBER for ever after a leader change or right
 *       after a topic was created (KAFKA-14359, KAFKA-15591); large batches keep the throughput;</li>
 *   <li>bounded waits: a record that cannot be delivered within {@link #DELIVERY_TIMEOUT_MS} fails (the caller
 *       reports it in one line), metadata is awaited at most {@link #MAX_BLOCK_MS}.</li>
 * </ul>
 */
public final class Producers {
    public static final int DELIVERY_TIMEOUT_MS = 60_000;
    public static final int REQUEST_TIMEOUT_MS = 15_000;
    public static final int MAX_BLOCK_MS = 15_000;

    private Producers() {}

    /** The settings above, on top of the connection's client properties. */
    public static Properties properties(KafkaSettings kafka) {
        Properties p = kafka.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        return p;
    }

    /** A producer of raw bytes with the settings above. */
    public static KafkaProducer<byte[], byte[]> bytes(KafkaSettings kafka) {
        return new KafkaProducer<>(properties(kafka));
    }
}
