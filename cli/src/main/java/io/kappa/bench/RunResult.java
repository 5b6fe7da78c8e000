package io.kappa.bench;

/**
 * One run's line of the table.
 *
 * @param words      words counted, or 0 where the run does not count words
 * @param allCounted whether the run counted every word (or row), or null where it does not check
 * @param memoryOf   whose peak memory {@code peakBytes} is: "CLI heap", "TaskManager heap"
 */
public record RunResult(String run, long records, double seconds, long words, Boolean allCounted, long peakBytes,
                        String memoryOf, String note) {
    public double recordsPerSecond() {
        return records / Math.max(seconds, 1e-9);
    }

    /** Counted every word, or does not check. */
    public boolean passed() {
        return allCounted == null || allCounted;
    }
}
