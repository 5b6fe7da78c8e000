package io.kappa.client.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

    @Test
    void consumedRecordsPrintLikeGetPy() {
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("words", 1, 42, null,
                "hello world".getBytes(StandardCharsets.UTF_8));
        assertThat(RecordFormat.format(r, 300)).isEqualTo("words:1:42 key=null value=hello world");

        ConsumerRecord<byte[], byte[]> dead = new ConsumerRecord<>("dead-letters", 0, 7, "k".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, 0x28});
        dead.headers().add(new RecordHeader("kappa.reason", "value is not valid UTF-8".getBytes(StandardCharsets.UTF_8)));
        assertThat(RecordFormat.format(dead, 300))
                .isEqualTo("dead-letters:0:7 key=k value=\uFFFD( headers={kappa.reason=value is not valid UTF-8}");
        assertThat(RecordFormat.format(new ConsumerRecord<>("t", 0, 0, null, "x".repeat(500).getBytes()), 10))
                .endsWith("value=xxxxxxxxxx…(500 bytes)");
    }
}
