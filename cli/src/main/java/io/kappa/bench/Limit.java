package io.kappa.bench;

import java.util.List;

/**
 * What the runs are measured against: the one-thread count (a') and the sink's limit (s), medians over the
 * rounds. <b>The limit</b> is the larger (slower) of the two: a replay into Cassandra can be no faster than counting
 * the words on one thread nor than writing its rows. Replay → Cassandra is reported as a multiple of the limit
 * (target ≤ 1.5×), replay → discard as a multiple of the one-thread count (target ≤ 1.0×).
 *
 * @param oneThreadSeconds (a'), or NaN when it did not run
 * @param sinkSeconds      (s), or NaN when it did not run
 */
public record Limit(double oneThreadSeconds, double sinkSeconds, double oneThreadCpu, double sinkCpu, int cores) {
    public static final double CASSANDRA_TARGET = 1.5;
    public static final double DISCARD_TARGET = 1.0;

    public Limit(double oneThreadSeconds, double sinkSeconds) {
        this(oneThreadSeconds, sinkSeconds, Double.NaN, Double.NaN, 1);
    }

    public static Limit of(List<RunSummary> runs) {
        return of(runs, Runtime.getRuntime().availableProcessors());
    }

    public static Limit of(List<RunSummary> runs, int cores) {
        return new Limit(seconds(runs, RunResult.Kind.ONE_THREAD), seconds(runs, RunResult.Kind.SINK),
                cpu(runs, RunResult.Kind.ONE_THREAD), cpu(runs, RunResult.Kind.SINK), cores);
    }

    private static double cpu(List<RunSummary> runs, RunResult.Kind kind) {
        return runs.stream().filter(r -> r.kind() == kind).mapToDouble(RunSummary::cpuSeconds).findFirst()
                .orElse(Double.NaN);
    }

    /**
     * The CPU floor: what a perfect job would need when it and Cassandra share the cores — the CPU-seconds of the
     * one-thread count (reading and counting, Kafka's share included) plus those of the sink's limit (binding and
     * writing the rows, Cassandra's share included), over the cores. NaN when either was not measured.
     */
    public double cpuFloorSeconds() {
        return (oneThreadCpu + sinkCpu) / cores;
    }

    /**
     * A run's median time as a multiple of its CPU floor: for (c), {@link #cpuFloorSeconds}; for (b), which writes
     * nothing, the CPU-seconds of (a') alone over the cores. "1.80× floor", or "".
     */
    public String floorMultiple(RunSummary run) {
        double floor = switch (run.kind()) {
            case CASSANDRA -> cpuFloorSeconds();
            case DISCARD -> oneThreadCpu / cores;
            default -> Double.NaN;
        };
        return Double.isNaN(floor) ? "" : String.format("%.2f× floor", run.seconds() / floor);
    }

    private static double seconds(List<RunSummary> runs, RunResult.Kind kind) {
        return runs.stream().filter(r -> r.kind() == kind).mapToDouble(RunSummary::seconds).findFirst()
                .orElse(Double.NaN);
    }

    /** The larger of (a') and (s); NaN unless both ran. */
    public double seconds() {
        return Math.max(oneThreadSeconds, sinkSeconds); // NaN if either is
    }

    /**
     * A run's median time as a multiple of what it is measured against: "2.90× limit" for (a'), (s) and the replays
     * into Cassandra, "1.95× (a')" for (a) and the replays into a discarding sink; "" for the weather and live runs, or
     * where the reference did not run.
     */
    public String multiple(RunSummary run) {
        return switch (run.kind()) {
            case RAW, DISCARD -> format(run.seconds(), oneThreadSeconds, "(a')");
            case ONE_THREAD, SINK, CASSANDRA -> format(run.seconds(), seconds(), "limit");
            case WEATHER, LIVE -> "";
        };
    }

    private static String format(double seconds, double reference, String of) {
        return Double.isNaN(reference) ? "" : String.format("%.2f× %s", seconds / reference, of);
    }

    /** One line under the table: the limit and where it comes from, and the targets; "" when it cannot be known. */
    public String describe() {
        if (Double.isNaN(seconds())) {
            return "the limit needs both (a') and (s) (--runs split,sink): replays into Cassandra are not compared";
        }
        String floor = Double.isNaN(cpuFloorSeconds()) ? "the CPU floor was not measured (a stack that is not this "
                + "machine's)" : String.format("the CPU floor: %.1f s = ((a') %.1f CPU-s + (s) %.1f CPU-s) / %d cores, "
                + "what a perfect job would need sharing the cores with Kafka and Cassandra ((b)'s: (a') alone, %.1f s)",
                cpuFloorSeconds(), oneThreadCpu, sinkCpu, cores, oneThreadCpu / cores);
        return String.format("the limit: %.1f s, the larger of (a') %.1f s and (s) %.1f s; %s. Targets: (c) ≤ %.1f× "
                + "limit, (b) ≤ %.1f× (a')", seconds(), oneThreadSeconds, sinkSeconds, floor, CASSANDRA_TARGET,
                DISCARD_TARGET);
    }
}
