package io.kappa.client.versions;

import io.kappa.client.kafka.Offsets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayProgressTest {

    @Test
    void fractionRateAndEtaOfARunningReplay() {
        ReplayProgress p = new ReplayProgress(750, 1000, 5);
        assertThat(p.fraction()).isEqualTo(0.75);
        assertThat(p.rate()).isEqualTo(150.0);
        assertThat(p.etaSeconds()).isEqualTo(250 / 150.0);
    }

    @Test
    void aReplayOfNothingIsDoneAndThereIsNoEtaBeforeTheFirstRecordOrAtTheEnd() {
        assertThat(new ReplayProgress(0, 0, 1).fraction()).isEqualTo(1.0);
        assertThat(new ReplayProgress(0, 10, 1).etaSeconds()).isNull();
        assertThat(new ReplayProgress(10, 10, 1).etaSeconds()).isNull();
        assertThat(new ReplayProgress(20, 10, 1).fraction()).isEqualTo(1.0);
    }

    @Test
    void theBarLineIsRedrawnInPlace() {
        assertThat(new ReplayProgress(1500, 3000, 3).line()).isEqualTo(
                "\r  replay [###############...............] 1,500/3,000 records  500/s  ETA 3 s   ");
        assertThat(new ReplayProgress(3000, 3000, 6).line()).isEqualTo(
                "\r  replay [##############################] 3,000/3,000 records  500/s   ");
    }

    @Test
    void theLineSaysWhenTheSinkHoldsTheReplayBack() {
        assertThat(new ReplayProgress(1500, 3000, 3, 0.42).line()).endsWith("sink throttled 42%   ");
        assertThat(new ReplayProgress(1500, 3000, 3, 0.001).line()).doesNotContain("throttled");
    }

    @Test
    void recordsReadComeFromWhereTheSourcesAreSoAFailoverDoesNotStartThemAgain() {
        var p0 = new org.apache.kafka.common.TopicPartition("w", 0);
        var p1 = new org.apache.kafka.common.TopicPartition("w", 1);
        java.util.Map<org.apache.kafka.common.TopicPartition, Long> starts = java.util.Map.of(p0, 0L, p1, 10L);
        java.util.Map<org.apache.kafka.common.TopicPartition, Long> ends = java.util.Map.of(p0, 100L, p1, 50L);
        assertThat(Offsets.readSoFar(starts, ends, java.util.Map.of("w:0", 49L))).isEqualTo(50);
        assertThat(Offsets.readSoFar(starts, ends, java.util.Map.of("w:0", 99L, "w:1", 49L))).isEqualTo(140);
        assertThat(Offsets.readSoFar(starts, ends, java.util.Map.of("w:0", 500L))).as("never past the end").isEqualTo(100);
    }
}
