package io.kappa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kappa.client.flink.FlinkRest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherJobsTest {
    private static final List<FlinkRest.Job> ENDED = List.of(new FlinkRest.Job("a1", "bench live", "CANCELED"),
            new FlinkRest.Job("b2", "kappa-replay", "FINISHED"));

    @Test
    void endedJobsDoNotCount() {
        assertThat(OtherJobs.check(ENDED, false)).isEmpty();
        assertThat(OtherJobs.check(List.of(), false)).isEmpty();
    }

    @Test
    void aJobStillGoingStopsTheBenchWithOneLineThatNamesItAndWhatToDo() {
        List<FlinkRest.Job> jobs = new ArrayList<>(ENDED);
        jobs.add(new FlinkRest.Job("c3", "kappa-live-words_v1", "RUNNING"));
        assertThatThrownBy(() -> OtherJobs.check(jobs, false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("1 job runs on the session cluster and would take CPU from the runs measured: "
                        + "'kappa-live-words_v1' (c3, RUNNING); cancel it (bin/flink cancel <id>), or pass "
                        + "--allow-other-jobs to measure anyway");
        assertThat(OtherJobs.check(jobs, true)).isEqualTo("'kappa-live-words_v1' (c3, RUNNING)");
    }
}
