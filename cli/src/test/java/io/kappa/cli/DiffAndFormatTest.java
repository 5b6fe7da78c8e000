package io.kappa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class DiffAndFormatTest {

    @Test
    void diffCountsEqualOnlyInOneAndDifferentRows() {
        DiffCommand.Diff d = DiffCommand.compare(
                Map.of("w1 a", 1L, "w1 b", 2L, "w1 c", 3L),
                Map.of("w1 a", 1L, "w1 b", 5L, "w1 d", 4L));
        assertThat(d.equal()).isEqualTo(1);
        assertThat(d.onlyLeft()).containsExactly("w1 c = 3");
        assertThat(d.onlyRight()).containsExactly("w1 d = 4");
        assertThat(d.different()).containsExactly("w1 b: 2 vs 5");
        assertThat(d.identical()).isFalse();
        assertThat(DiffCommand.compare(Map.of("k", 1L), Map.of("k", 1L)).identical()).isTrue();
    }

    @Test
    void totalsSumRowsPerWindow() {
        assertThat(Results.totals(Map.of(
                Results.key(0, "a"), 2L, Results.key(0, "b"), 3L, Results.key(60_000, "a"), 1L)))
                .containsExactly(Map.entry(0L, 5L), Map.entry(60_000L, 1L));
    }

    @Test
    void consumedRecordsPrintLikeGetPy() {
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("words", 1, 42, null,
                "hello world".getBytes(StandardCharsets.UTF_8));
        assertThat(ConsumeCommand.format(r, 300)).isEqualTo("words:1:42 key=null value=hello world");

        ConsumerRecord<byte[], byte[]> dead = new ConsumerRecord<>("dead-letters", 0, 7, "k".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, 0x28});
        dead.headers().add(new RecordHeader("kappa.reason", "value is not valid UTF-8".getBytes(StandardCharsets.UTF_8)));
        assertThat(ConsumeCommand.format(dead, 300))
                .isEqualTo("dead-letters:0:7 key=k value=\uFFFD( headers={kappa.reason=value is not valid UTF-8}");
        assertThat(ConsumeCommand.format(new ConsumerRecord<>("t", 0, 0, null, "x".repeat(500).getBytes()), 10))
                .endsWith("value=xxxxxxxxxx…(500 bytes)");
    }
}
