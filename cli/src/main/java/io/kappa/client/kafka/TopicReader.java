package io.kappa.client.kafka;

import io.kappa.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reading a topic from its first offset, without a consumer group (nothing is committed). */
public final class TopicReader {
    private TopicReader() {}

    /**
     * A consumer of every partition of a topic from its first offset, without a consumer group. Fails with one line
     * when Kafka or the topic is not there.
     */
    public static KafkaConsumer<byte[], byte[]> fromTheStart(KafkaSettings kafka, String topic) {
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
        try {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers()
                        + " (--bootstrap-servers), or topic '" + topic + "' does not exist (bin/kappa topics list)");
            }
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("topic '" + topic + "' does not exist (bin/kappa topics list)");
            }
            List<TopicPartition> tps = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Hands each record to {@code each} until {@code max} records (negative: no limit), or until nothing arrived for
     * {@code idle} (null: keep waiting); returns how many it handed over.
     */
    public static long read(KafkaSettings kafka, String topic, long max, Duration idle, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = fromTheStart(kafka, topic)) {
            long lastRecord = System.nanoTime();
            while (max < 0 || read < max) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (idle != null && System.nanoTime() - lastRecord > idle.toNanos()) {
                        break;
                    }
                    continue;
                }
                lastRecord = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    each.accept(r);
                    if (max >= 0 && ++read >= max) {
                        break;
                    }
                }
            }
        }
        return read;
    }

    /** Hands each record up to the end offsets as of the start to {@code each}; returns how many. */
    public static long readToEnd(KafkaSettings kafka, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> c = fromTheStart(kafka, topic)) {
            Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
            long n = 0;
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    each.accept(r);
                    n++;
                }
            }
            return n;
        }
    }

    /** The topic's first record, waiting up to {@code timeout} for one. */
    public static ConsumerRecord<byte[], byte[]> first(KafkaSettings kafka, String topic, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = fromTheStart(kafka, topic)) {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    return r;
                }
            }
        }
        throw new IllegalStateException("no record reached " + topic + " within " + timeout.toSeconds() + " s");
    }
}
