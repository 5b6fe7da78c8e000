package io.kappa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    private static RunResult run(double seconds, Boolean all, long peak, String note) {
        return new RunResult(RunResult.Kind.CASSANDRA, "(c) replay → Cassandra, batch", 1000, seconds, 7000, all, peak,
                "TaskManager heap", note);
    }

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(RunSummary.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(RunSummary.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(RunSummary.median(new double[] {7})).isEqualTo(7);
    }

    @Test
    void secondsAreTheMedianAndTheRangeTheNoteThatOfTheMedianRoundThePeakTheHighest() {
        RunSummary s = RunSummary.of(List.of(run(30, true, 100, "slow"), run(10, true, 300, "fast"),
                run(20, true, 200, "middle")));
        assertThat(s.seconds()).isEqualTo(20);
        assertThat(s.minSeconds()).isEqualTo(10);
        assertThat(s.maxSeconds()).isEqualTo(30);
        assertThat(s.note()).isEqualTo("middle");
        assertThat(s.peakBytes()).isEqualTo(300);
        assertThat(s.recordsPerSecond()).isEqualTo(50);
        assertThat(s.wordsPerSecond()).isEqualTo(350);
        assertThat(s.allCounted()).isTrue();
        assertThat(s.passed()).isTrue();
    }

    @Test
    void oneRoundThatMissedAWordMakesTheRunWrong() {
        RunSummary s = RunSummary.of(List.of(run(10, true, 0, ""), run(11, false, 0, "")));
        assertThat(s.allCounted()).isFalse();
        assertThat(s.passed()).isFalse();
        assertThat(RunSummary.of(List.of(run(10, null, 0, ""))).allCounted()).isNull();
    }

    @Test
    void theLiveRunsNoteIsThatOfItsMedianLatencyWithTheRangeOfTheRounds() {
        List<RunResult> rounds = List.of(900L, 1500L, 1200L).stream().map(p99 -> new RunResult(RunResult.Kind.LIVE,
                "(e) live", 600, 60, 4000, true, 0, "TaskManager heap", "p99 " + p99 + " ms", p99)).toList();
        assertThat(RunSummary.of(rounds).note()).isEqualTo("p99 1200 ms; p99 over 3 rounds: 900–1,500 ms");
        assertThat(RunSummary.of(rounds.subList(0, 1)).note()).isEqualTo("p99 900 ms");
        assertThat(RunSummary.of(rounds.subList(0, 2)).note()).isEqualTo("p99 1500 ms; p99 over 2 rounds: 900–1,500 ms");
    }
}
