package io.kappa.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Interleaved rounds: each round measures every run once, in an order rotated by one from round to round, so that the
 * runs take the positions in turn and meet the same order effects: none always comes first (cold caches) or always
 * runs last (after every other run has filled Cassandra's memtables).
 */
public final class Rounds {
    private Rounds() {}

    /** A run to measure each round: a short label for the progress lines, and the measurement. */
    public record Run(String label, Supplier<RunResult> measure) {}

    /** The order of round {@code round} (from 0): the runs rotated left by {@code round}. */
    static <T> List<T> order(List<T> runs, int round) {
        List<T> rotated = new ArrayList<>(runs);
        Collections.rotate(rotated, -(rotated.isEmpty() ? 0 : round % rotated.size()));
        return rotated;
    }

    /** Measures every run {@code rounds} times; returns each run's summary, in the order of {@code runs}. */
    public static List<RunSummary> measure(List<Run> runs, int rounds, PrintWriter out) {
        return measure(runs, rounds, out, Machine.remote());
    }

    /**
     * As {@link #measure(List, int, PrintWriter)}, each run started from a quiet machine ({@link Machine#quiesce}) and
     * charged with the CPU-seconds its processes spent.
     */
    public static List<RunSummary> measure(List<Run> runs, int rounds, PrintWriter out, Machine machine) {
        Map<Run, List<RunResult>> results = new LinkedHashMap<>();
        runs.forEach(r -> results.put(r, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            List<Run> order = order(runs, round);
            out.printf("round %d of %d: %s%n", round + 1, rounds,
                    order.stream().map(Run::label).collect(Collectors.joining(", ")));
            for (Run run : order) {
                machine.quiesce().run();
                double cpu = machine.cpuSeconds();
                RunResult result = run.measure().get();
                results.get(run).add(result.withCpu(machine.cpuSeconds() - cpu));
            }
        }
        return results.values().stream().map(RunSummary::of).toList();
    }
}
