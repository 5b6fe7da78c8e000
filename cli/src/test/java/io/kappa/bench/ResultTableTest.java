package io.kappa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static RunSummary summary(RunResult... rounds) {
        return RunSummary.of(List.of(rounds));
    }

    @Test
    void eachRunIsALineWithItsMedianRangeAndMultiple() {
        String table = ResultTable.format(List.of(
                summary(new RunResult(RunResult.Kind.ONE_THREAD, "(a') one thread: read, split, count", 1_000_000, 2,
                        7_500_000, true, 64L << 20, "CLI heap", "1,000 (window, word) rows")),
                summary(new RunResult(RunResult.Kind.SINK, "(s) the rows straight into Cassandra", 500_000, 4, 7_500_000,
                        true, 80L << 20, "CLI heap", "")),
                summary(new RunResult(RunResult.Kind.CASSANDRA, "(c) replay → Cassandra, batch", 1_000_000, 12,
                        7_500_000, false, 512L << 20, "TaskManager heap", ""),
                        new RunResult(RunResult.Kind.CASSANDRA, "(c) replay → Cassandra, batch", 1_000_000, 8,
                                7_500_000, true, 256L << 20, "TaskManager heap", ""))), "");
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).startsWith("2 rounds, the order rotated from round to round; seconds: the median");
        assertThat(lines.get(1)).isEqualTo("the limit: 4.0 s, the larger of (a') 2.0 s and (s) 4.0 s; the CPU floor was not measured "
                + "(a stack that is not this machine's). Targets: (c) ≤ 1.5× limit, (b) ≤ 1.0× (a')");
        assertThat(lines.get(2)).isEmpty();
        assertThat(lines.get(3)).startsWith("| run ").contains("|  seconds |       range |   CPU-s |  records/s |",
                "| multiple    | × floor     |");
        assertThat(lines.get(5)).isEqualTo("| (a') one thread: read, split, count  |  1,000,000 |      2.0 |     2.0–2.0 "
                + "|         |    500,000 |   3,750,000 | 0.50× limit |             | 64 MiB CLI heap          | all    | 1,000 (window, word) rows |");
        assertThat(lines.get(6)).contains("| (s) the rows straight into Cassandra |    500,000 |      4.0 |",
                "| 1.00× limit |");
        assertThat(lines.get(7)).contains("|     10.0 |    8.0–12.0 |         |    100,000 |     750,000 | 2.50× limit "
                + "|             | 512 MiB TaskManager heap | WRONG  |");
    }

    @Test
    void theHeaderNamesTheOtherJobsItWasMeasuredBeside() {
        String table = ResultTable.format(List.of(summary(new RunResult(RunResult.Kind.RAW, "(a) plain KafkaConsumer",
                10, 1, 0, true, 0, "CLI heap", ""))), "'other' (c3, RUNNING)");
        assertThat(table.lines().toList().subList(0, 3)).containsExactly(
                "1 round, the order rotated from round to round; seconds: the median over the rounds, range: min–max;"
                        + " records/s, words/s and multiples from the medians",
                "the limit needs both (a') and (s) (--runs split,sink): replays into Cassandra are not compared",
                "measured while other jobs ran on the cluster (--allow-other-jobs): 'other' (c3, RUNNING)");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertThat(LiveRun.percentile(sorted, 50)).isEqualTo(50);
        assertThat(LiveRun.percentile(sorted, 99)).isEqualTo(100);
        assertThat(LiveRun.percentile(new long[] {7}, 50)).isEqualTo(7);
        assertThat(LiveRun.percentile(new long[0], 50)).isEqualTo(-1);
    }
}
