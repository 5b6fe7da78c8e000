package io.kappa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SinkWritesTest {

    @Test
    void aRowsValuesAreItsWordInUtf8AndEightBytesForEachOtherColumn() {
        assertThat(SinkWrites.rowBytes("kato")).isEqualTo(24 + 4);
        assertThat(SinkWrites.rowBytes("été")).isEqualTo(24 + 5);
        assertThat(SinkWrites.rowBytes("日本")).isEqualTo(24 + 6);
        assertThat(SinkWrites.rowBytes("😀")).isEqualTo(24 + 4);
    }

    @Test
    void aBatchEndsAtItsRowsOrBeforeItsValuesPassTheLimit() {
        String[] words = new String[10];
        Arrays.fill(words, "word"); // 28 bytes a row
        assertThat(SinkWrites.batchEnd(words, 0, 4, 40 * 1024)).isEqualTo(4);
        assertThat(SinkWrites.batchEnd(words, 8, 4, 40 * 1024)).isEqualTo(10);
        assertThat(SinkWrites.batchEnd(words, 0, 100, 3 * 28)).isEqualTo(3);
        assertThat(SinkWrites.batchEnd(words, 0, 100, 3 * 28 - 1)).isEqualTo(2);
        assertThat(SinkWrites.batchEnd(new String[] {"x".repeat(50_000)}, 0, 100, 40 * 1024)).isEqualTo(1);
    }

    @Test
    void theGridTriesEveryRowsPerBatchWithEveryNumberInFlightEachFourInARowCoveringBoth() {
        assertThat(SinkRun.GRID).hasSize(16).doesNotHaveDuplicates();
        for (int from = 0; from + 4 <= SinkRun.GRID.size(); from += 4) {
            List<SinkWrites.Settings> four = SinkRun.GRID.subList(from, from + 4);
            assertThat(four).extracting(SinkWrites.Settings::rowsPerBatch).containsExactlyInAnyOrder(100, 200, 500, 1000);
            assertThat(four).extracting(SinkWrites.Settings::inFlight).containsExactlyInAnyOrder(8, 16, 32, 64);
        }
        assertThat(SinkRun.grid(List.of(1, 2), List.of(10, 20))).containsExactly(new SinkWrites.Settings(1, 10),
                new SinkWrites.Settings(2, 20), new SinkWrites.Settings(1, 20), new SinkWrites.Settings(2, 10));
        assertThat(new SinkWrites.Settings(1000, 16)).hasToString("batches of 1,000 rows, 16 in flight");
    }

    @Test
    void theFastestSettingWhoseEveryBatchWasWrittenWins() {
        SinkRun.Trial slow = trial(100, 8, 10, 0);
        SinkRun.Trial fast = trial(500, 32, 4, 0);
        SinkRun.Trial fastestButFailed = trial(1000, 64, 2, 3);
        assertThat(SinkRun.best(List.of(slow, fastestButFailed, fast))).contains(fast);
        assertThat(SinkRun.best(List.of(fastestButFailed))).isEqualTo(Optional.empty());
        assertThat(fast.outcome().rowsPerSecond()).isEqualTo(25_000);
    }

    private static SinkRun.Trial trial(int rows, int inFlight, double seconds, int failed) {
        return new SinkRun.Trial(new SinkWrites.Settings(rows, inFlight),
                new SinkWrites.Outcome(seconds, 100_000, 100, failed, failed, failed > 0 ? "timeout" : null));
    }
}
