package io.kappa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LimitTest {
    private static RunSummary run(RunResult.Kind kind, double seconds, double cpu) {
        return new RunSummary(kind, kind.name(), 100, 3, seconds, seconds, seconds, 0, null, 0, "CLI heap", "", cpu);
    }

    private static RunSummary run(RunResult.Kind kind, double seconds) {
        return run(kind, seconds, Double.NaN);
    }

    @Test
    void theLimitIsTheSlowerOfTheOneThreadCountAndTheSink() {
        assertThat(new Limit(3, 9.6).seconds()).isEqualTo(9.6);
        assertThat(new Limit(12, 9.6).seconds()).isEqualTo(12);
        assertThat(new Limit(Double.NaN, 9.6).seconds()).isNaN();
        assertThat(new Limit(3, Double.NaN).seconds()).isNaN();
    }

    @Test
    void cassandraIsAMultipleOfTheLimitDiscardOfTheOneThreadCount() {
        List<RunSummary> runs = List.of(run(RunResult.Kind.RAW, 1.5), run(RunResult.Kind.ONE_THREAD, 3),
                run(RunResult.Kind.SINK, 10), run(RunResult.Kind.DISCARD, 6), run(RunResult.Kind.CASSANDRA, 29),
                run(RunResult.Kind.WEATHER, 20), run(RunResult.Kind.LIVE, 60));
        Limit limit = Limit.of(runs);
        assertThat(limit.seconds()).isEqualTo(10);
        assertThat(limit.oneThreadSeconds()).isEqualTo(3);
        assertThat(runs.stream().map(limit::multiple)).containsExactly("0.50× (a')", "0.30× limit", "1.00× limit",
                "2.00× (a')", "2.90× limit", "", "");
        assertThat(limit.describe()).isEqualTo("the limit: 10.0 s, the larger of (a') 3.0 s and (s) 10.0 s; the CPU floor was not "
                + "measured (a stack that is not this machine's). Targets: (c) ≤ 1.5× limit, (b) ≤ 1.0× (a')");
    }

    @Test
    void withoutTheSinkThereIsNoLimitButDiscardStillHasItsReference() {
        Limit limit = Limit.of(List.of(run(RunResult.Kind.ONE_THREAD, 3)));
        assertThat(limit.multiple(run(RunResult.Kind.CASSANDRA, 29))).isEmpty();
        assertThat(limit.multiple(run(RunResult.Kind.DISCARD, 6))).isEqualTo("2.00× (a')");
        assertThat(limit.describe()).startsWith("the limit needs both (a') and (s)");
        assertThat(Limit.of(List.of()).multiple(run(RunResult.Kind.DISCARD, 6))).isEmpty();
    }

    @Test
    void theCpuFloorIsTheCpuOfReadingAndCountingPlusThatOfWritingOverTheCores() {
        List<RunSummary> runs = List.of(run(RunResult.Kind.ONE_THREAD, 3, 3.5), run(RunResult.Kind.SINK, 10, 14.5),
                run(RunResult.Kind.CASSANDRA, 27, 40), run(RunResult.Kind.WEATHER, 20, 30),
                run(RunResult.Kind.DISCARD, 3.5, 7));
        Limit limit = Limit.of(runs, 2);
        assertThat(limit.cpuFloorSeconds()).isEqualTo(9.0);
        assertThat(runs.stream().map(limit::floorMultiple)).containsExactly("", "", "3.00× floor", "", "2.00× floor");
        assertThat(limit.describe()).contains("the CPU floor: 9.0 s = ((a') 3.5 CPU-s + (s) 14.5 CPU-s) / 2 cores", "((b)'s: (a') alone, 1.8 s)");
        assertThat(Limit.of(runs.subList(1, 3), 2).floorMultiple(runs.get(2))).isEmpty();
    }
}
