package io.kappa.cli;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records asynchronously with a progress line, and on close waits for every acknowledgement: the first
 * failed send ends the run with one line that names the topic.
 */
final class RecordSender implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Progress progress;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    RecordSender(Connections connections, String topic, long total, boolean showProgress) {
        this.producer = ProduceCommand.producer(connections);
        this.topic = topic;
        this.progress = new Progress("produce", total, showProgress);
    }

    /** @param timestamp the record timestamp, or null for the producer's clock */
    void send(byte[] key, byte[] value, Long timestamp) {
        failIfFailed();
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, value), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
        progress.step();
    }

    private void failIfFailed() {
        if (failure.get() != null) {
            throw new IllegalStateException("producing to " + topic + " failed: " + failure.get().getMessage());
        }
    }

    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close();
            progress.done();
        }
        failIfFailed();
    }
}
