package io.kappa.client.kafka;

import io.kappa.client.ProgressLine;

import io.kappa.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records asynchronously with a progress line, and on close waits for every acknowledgement. The first failed
 * send ends the run with one line that says which topic, why, and what to try; since the producer's waits are bounded
 * ({@link Producers}), so is the run's.
 */
public final class RecordSender implements AutoCloseable, Produce.Records {
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaSettings kafka;
    private final String topic;
    private final ProgressLine progress;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * @param total    records to be sent, for the progress bar, or -1 when not known
     * @param progress where the progress line goes, or null
     */
    public RecordSender(KafkaSettings kafka, String topic, long total, PrintWriter progress) {
        this.producer = Producers.bytes(kafka);
        this.kafka = kafka;
        this.topic = topic;
        this.progress = new ProgressLine("produce", total, progress);
    }

    @Override
    public void send(byte[] key, byte[] value, Long timestamp) {
        failIfFailed();
        try {
            producer.send(new ProducerRecord<>(topic, null, timestamp, key, value), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        } catch (org.apache.kafka.common.KafkaException e) {
            failure.compareAndSet(null, e); // e.g. no metadata for the topic within max.block.ms
            failIfFailed();
        }
        progress.step();
    }

    private void failIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw failed(kafka, topic, e);
        }
    }

    /** One line: what failed, which topic, why, what to try. */
    public static IllegalStateException failed(KafkaSettings kafka, String topic, Exception e) {
        String why = e.getClass().getSimpleName() + ": " + e.getMessage();
        String hint = e instanceof org.apache.kafka.common.errors.TimeoutException
                ? "is Kafka at " + kafka.bootstrapServers() + " up (bin/kappa status) and does the topic exist "
                        + "(bin/kappa topics list)?"
                : e instanceof org.apache.kafka.common.errors.InvalidTimestampException
                ? "the broker refuses record timestamps too far from its clock (log.message.timestamp.after.max.ms)"
                : e instanceof org.apache.kafka.common.errors.RecordTooLargeException
                ? "the record is larger than the broker or topic accepts (message.max.bytes)"
                : "see the broker's log (bin/kappa status shows where)";
        return new IllegalStateException("producing to topic " + topic + " failed: " + why + "; " + hint);
    }

    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close(Duration.ofSeconds(10));
            progress.done();
        }
        failIfFailed();
    }
}
