package io.kappa.bench;

/**
 * One run of one round.
 *
 * @param words         words counted, or 0 where the run does not count words
 * @param allCounted    whether the run counted every word (or row), or null where it does not check
 * @param memoryOf      whose peak memory {@code peakBytes} is: "CLI heap", "TaskManager heap"
 * @param latencyMillis of the live run: the p99 of its rows' latency beyond their window's end; else null
 * @param cpuSeconds    CPU-seconds the bench and the stack's processes (Kafka, Cassandra, Flink) spent during the run,
 *                      or NaN when they cannot be measured (a stack that is not this machine's)
 */
public record RunResult(Kind kind, String run, long records, double seconds, long words, Boolean allCounted,
                        long peakBytes, String memoryOf, String note, Long latencyMillis, double cpuSeconds) {

    public RunResult(Kind kind, String run, long records, double seconds, long words, Boolean allCounted,
                     long peakBytes, String memoryOf, String note, Long latencyMillis) {
        this(kind, run, records, seconds, words, allCounted, peakBytes, memoryOf, note, latencyMillis, Double.NaN);
    }

    /** The same run with the CPU-seconds the machine's measured processes spent on it ({@link Machine}). */
    public RunResult withCpu(double cpu) {
        return new RunResult(kind, run, records, seconds, words, allCounted, peakBytes, memoryOf, note, latencyMillis, cpu);
    }

    /** What a run measures, which decides what its time is a multiple of ({@link Limit}). */
    public enum Kind {
        /** (a) a plain consumer. */
        RAW,
        /** (a') one thread reading, splitting and counting. */
        ONE_THREAD,
        /** (s) the rows straight into Cassandra. */
        SINK,
        /** (b) the replay into a discarding sink. */
        DISCARD,
        /** (c) the replay into Cassandra. */
        CASSANDRA,
        /** (d) the weather replay. */
        WEATHER,
        /** (e) the live job. */
        LIVE
    }

    public RunResult(Kind kind, String run, long records, double seconds, long words, Boolean allCounted,
                     long peakBytes, String memoryOf, String note) {
        this(kind, run, records, seconds, words, allCounted, peakBytes, memoryOf, note, null);
    }

    /** Counted every word, or does not check. */
    public boolean passed() {
        return allCounted == null || allCounted;
    }
}
