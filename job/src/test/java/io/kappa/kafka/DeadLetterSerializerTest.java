package io.kappa.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * A dead letter fits in a side topic whatever its source record: key and value each cut to 64 KiB, the reason to
 * 4 KiB, so that the whole record stays far below {@link KafkaSinks#MAX_RECORD_BYTES} (a record the producer refuses
 * would fail the job, and the same record would come back after every restart).
 */
class DeadLetterSerializerTest {
    private static final DeadLetterSerializer SERIALIZER = new DeadLetterSerializer("dead");

    private static int size(ProducerRecord<byte[], byte[]> r) {
        int size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        for (Header h : r.headers()) {
            size += h.key().length() + h.value().length;
        }
        return size;
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Property(tries = 300)
    void anyRecordGivesADeadLetterThatFits(@ForAll @IntRange(min = -1, max = 2_000_000) int keyBytes,
                                           @ForAll @IntRange(min = -1, max = 2_000_000) int valueBytes,
                                           @ForAll @IntRange(min = 0, max = 100_000) int reasonChars) {
        byte[] key = keyBytes < 0 ? null : new byte[keyBytes];
        byte[] value = valueBytes < 0 ? null : new byte[valueBytes];
        RawRecord source = new RawRecord("t".repeat(249), Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, key, value);
        ProducerRecord<byte[], byte[]> r = SERIALIZER.serialize(new DeadLetter(source, "é".repeat(reasonChars)), null, null);
        assertThat(size(r)).isLessThan(140 * 1024).isLessThan(KafkaSinks.MAX_RECORD_BYTES);
        assertThat(header(r, DeadLetterSerializer.KEY_TRUNCATED))
                .isEqualTo(keyBytes > DeadLetterSerializer.MAX_VALUE_BYTES ? Integer.toString(keyBytes) : null);
        assertThat(header(r, DeadLetterSerializer.VALUE_TRUNCATED))
                .isEqualTo(valueBytes > DeadLetterSerializer.MAX_VALUE_BYTES ? Integer.toString(valueBytes) : null);
    }

    @Test
    void aLongReasonIsCutAtACharacterBoundary() {
        assertThat(DeadLetterSerializer.reason("short")).isEqualTo("short");
        String cut = DeadLetterSerializer.reason("\uD83D\uDE00".repeat(2000)); // 4 bytes each
        assertThat(cut).endsWith("…").doesNotContain("\uFFFD");
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(DeadLetterSerializer.MAX_REASON_BYTES);
        assertThat(cut.codePointCount(0, cut.length()) - 1).isEqualTo((DeadLetterSerializer.MAX_REASON_BYTES - 3) / 4);
    }

    @Test
    void theProducersAndTheSideTopicsAgreeOnTheLargestRecord() {
        assertThat(KafkaSinks.producerProperties(new KafkaSettings("localhost:9092", java.util.Map.of()))
                .getProperty("max.request.size")).isEqualTo(Integer.toString(KafkaSinks.MAX_RECORD_BYTES));
        assertThat(KafkaSinks.sideTopicConfigs(3)).containsEntry("max.message.bytes",
                Integer.toString(KafkaSinks.MAX_RECORD_BYTES)).containsEntry("min.insync.replicas", "2");
    }
}
