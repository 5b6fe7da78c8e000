package io.kappa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LimitTest {
    private static RunSummary run(RunResult.Kind kind, double seconds) {
        return new RunSummary(kind, kind.name(), 100, 3, seconds, seconds, seconds, 0, null, 0, "CLI heap", "");
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
        assertThat(limit).isEqualTo(new Limit(3, 10));
        assertThat(runs.stream().map(limit::multiple)).containsExactly("0.50× (a')", "0.30× limit", "1.00× limit",
                "2.00× (a')", "2.90× limit", "", "");
        assertThat(limit.describe()).isEqualTo("the limit: 10.0 s, the larger of (a') 3.0 s and (s) 10.0 s. "
                + "Targets: (c) ≤ 1.5× limit, (b) ≤ 1.0× (a')");
    }

    @Test
    void withoutTheSinkThereIsNoLimitButDiscardStillHasItsReference() {
        Limit limit = Limit.of(List.of(run(RunResult.Kind.ONE_THREAD, 3)));
        assertThat(limit.multiple(run(RunResult.Kind.CASSANDRA, 29))).isEmpty();
        assertThat(limit.multiple(run(RunResult.Kind.DISCARD, 6))).isEqualTo("2.00× (a')");
        assertThat(limit.describe()).startsWith("the limit needs both (a') and (s)");
        assertThat(Limit.of(List.of()).multiple(run(RunResult.Kind.DISCARD, 6))).isEmpty();
    }
}
