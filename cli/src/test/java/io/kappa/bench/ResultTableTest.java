package io.kappa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void eachRunIsALineWithItsRatioToThePlainConsumer() {
        String table = ResultTable.format(List.of(
                new RunResult("(a) plain KafkaConsumer", 1_000_000, 2, 0, true, 64L << 20, "CLI heap", "100 MB/s"),
                new RunResult("(b) replay → discard, batch", 1_000_000, 10, 7_500_000, false, 512L << 20,
                        "TaskManager heap", "")));
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("| run ").contains("|  records/s |", "|  vs (a) |");
        assertThat(lines.get(2)).isEqualTo("| (a) plain KafkaConsumer              |  1,000,000 |      2.0 |    500,000 |"
                + "             |    100% | 64 MiB CLI heap          | all    | 100 MB/s |");
        assertThat(lines.get(3)).contains("|    100,000 |     750,000 |     20% | 512 MiB TaskManager heap | WRONG  |");
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
