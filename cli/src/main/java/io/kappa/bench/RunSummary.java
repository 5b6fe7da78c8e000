package io.kappa.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One run over every round: its line of the table. Seconds and CPU-seconds are medians over the rounds, with the
 * seconds' range; words
 * and the note are those of the median round (by seconds, or for the live run by its latency; of an even number of
 * rounds, the slower of the two in the middle); it counted every word
 * only if every round did; its peak memory is the highest of the rounds.
 */
public record RunSummary(RunResult.Kind kind, String run, long records, int rounds, double seconds, double minSeconds,
                         double maxSeconds, long words, Boolean allCounted, long peakBytes, String memoryOf,
                         String note, double cpuSeconds) {

    public static RunSummary of(List<RunResult> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a run without rounds");
        }
        double[] seconds = rounds.stream().mapToDouble(RunResult::seconds).toArray();
        List<RunResult> byKey = rounds.stream().sorted(Comparator.comparingDouble(
                r -> r.latencyMillis() != null ? r.latencyMillis() : r.seconds())).toList();
        RunResult middle = byKey.get(byKey.size() / 2); // of two in the middle, the slower: never the flattering one
        Boolean all = rounds.stream().allMatch(r -> r.allCounted() == null) ? null
                : rounds.stream().allMatch(RunResult::passed);
        String note = middle.note();
        if (rounds.size() > 1 && middle.latencyMillis() != null) {
            note += String.format("; p99 over %d rounds: %,d–%,d ms", rounds.size(), byKey.get(0).latencyMillis(),
                    byKey.get(byKey.size() - 1).latencyMillis());
        }
        return new RunSummary(middle.kind(), middle.run(), middle.records(), rounds.size(), median(seconds),
                Arrays.stream(seconds).min().orElseThrow(), Arrays.stream(seconds).max().orElseThrow(), middle.words(),
                all, rounds.stream().mapToLong(RunResult::peakBytes).max().orElseThrow(), middle.memoryOf(), note,
                median(rounds.stream().mapToDouble(RunResult::cpuSeconds).toArray()));
    }

    /** The middle value, or the mean of the two middle ones. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double recordsPerSecond() {
        return records / Math.max(seconds, 1e-9);
    }

    public double wordsPerSecond() {
        return words / Math.max(seconds, 1e-9);
    }

    /** Counted every word in every round, or does not check. */
    public boolean passed() {
        return allCounted == null || allCounted;
    }
}
