package io.kappa.client.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetsTest {
    private static final TopicPartition P0 = new TopicPartition("words", 0);
    private static final TopicPartition P1 = new TopicPartition("words", 1);
    private static final TopicPartition W0 = new TopicPartition("weather", 0);

    @Test
    void recordsToReplayAreTheRecordsFromEachStartToEachEnd() {
        assertThat(Offsets.recordsBetween(Map.of(P0, 0L, P1, 0L, W0, 0L), Map.of(P0, 100L, P1, 50L, W0, 0L)))
                .isEqualTo(150);
        // from a time: the first offset at or after it
        assertThat(Offsets.recordsBetween(Map.of(P0, 80L, P1, 10L), Map.of(P0, 100L, P1, 50L))).isEqualTo(60);
    }

    @Test
    void aPartitionWithNothingAfterTheStartTimeHasNothingToReplay() {
        assertThat(Offsets.recordsBetween(Map.of(P0, -1L, P1, 45L), Map.of(P0, 100L, P1, 50L))).isEqualTo(5);
        assertThat(Offsets.recordsBetween(Map.of(), Map.of(P0, 100L))).isZero();
    }

    @Test
    void lagIsWhatTheGroupHasNotCommittedAndAllOfAPartitionItNeverCommitted() {
        Map<TopicPartition, Long> lag = Offsets.lag(Map.of(P0, 90L), Map.of(P0, 0L, P1, 20L), Map.of(P0, 100L, P1, 50L));
        assertThat(lag).containsOnly(Map.entry(P0, 10L), Map.entry(P1, 30L));
        // a committed offset past a (since truncated) end is no negative lag
        assertThat(Offsets.lag(Map.of(P0, 120L), Map.of(P0, 0L), Map.of(P0, 100L))).containsOnly(Map.entry(P0, 0L));
    }
}
