package io.kappa.client.versions;

import io.kappa.client.flink.FlinkRest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rule {@code version start} and {@code promote} apply before a version may serve ({@link Versions#notCaughtUp}). */
class VersionsCaughtUpTest {
    private static final FlinkRest.Job JOB = new FlinkRest.Job("j", "kappa v2", "RUNNING");

    private static Versions.Version v2(FlinkRest.Job job, Long behind, Long watermark) {
        return new Versions.Version("v2", job, behind, watermark, false, null);
    }

    @Test
    void aVersionWithoutARunningJobHasNotCaughtUp() {
        assertThat(Versions.notCaughtUp(v2(null, 0L, 5_000L), "v1", null)).contains("no running live job");
    }

    @Test
    void moreThanAThousandRecordsBehindTheHeadIsNotCaughtUp() {
        assertThat(Versions.notCaughtUp(v2(JOB, 1_001L, 5_000L), "v1", 1_000L)).contains("1,001 records behind");
        assertThat(Versions.notCaughtUp(v2(JOB, null, 5_000L), "v1", 1_000L)).contains("unknown number");
        assertThat(Versions.notCaughtUp(v2(JOB, 1_000L, 5_000L), "v1", 1_000L)).isNull();
    }

    @Test
    void itsWatermarkMustReachTheServedOnesTarget() {
        assertThat(Versions.notCaughtUp(v2(JOB, 0L, 4_950L), "v1", 5_000L)).contains("has not reached v1's");
        assertThat(Versions.notCaughtUp(v2(JOB, 0L, null), "v1", 5_000L)).contains("has not reached");
        assertThat(Versions.notCaughtUp(v2(JOB, 0L, 5_000L), "v1", 5_000L)).isNull();
        assertThat(Versions.notCaughtUp(v2(JOB, 0L, null), null, null)).as("nothing served, nothing to reach").isNull();
        assertThat(Versions.notCaughtUp(v2(JOB, 0L, 1L), "v2", 5_000L)).as("the served version itself").isNull();
    }
}
