package io.kappa.e2e;

import io.kappa.client.kafka.TopicReader;
import io.kappa.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The words a topic holds per event-time window, by record timestamp: what the job's rows of those windows must add
 * up to when no line is late (as a {@link SteadyFeed}'s). Reads on from where it stopped at each {@link #totals}, up
 * to the end offsets of that moment (a topic that is being written to has no end to wait for).
 */
final class TopicWindows implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final long windowMillis;
    private final Map<Long, Long> words = new TreeMap<>();

    TopicWindows(KafkaSettings kafka, String topic, Duration window) {
        this.consumer = TopicReader.fromTheStart(kafka, topic);
        this.windowMillis = window.toMillis();
    }

    /**
     * Words per window start, of everything in the topic up to its end offsets as of this call; empty when those could
     * not be read within {@link #READ_TIMEOUT} (a partition without a leader for a moment).
     */
    Optional<Map<Long, Long>> totals() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                String line = new String(r.value(), StandardCharsets.UTF_8).trim();
                words.merge(r.timestamp() - Math.floorMod(r.timestamp(), windowMillis),
                        line.isEmpty() ? 0L : line.split("\\s+").length, Long::sum);
            }
        }
        return Optional.of(new TreeMap<>(words));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
