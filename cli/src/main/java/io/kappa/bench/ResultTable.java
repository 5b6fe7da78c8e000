package io.kappa.bench;

import java.util.List;

/** The bench's table (Markdown): each run's throughput, its ratio to the plain consumer (a), memory, counting. */
public final class ResultTable {
    private ResultTable() {}

    public static String format(List<RunResult> results) {
        double limit = results.stream().filter(r -> r.run().startsWith("(a)")).findFirst()
                .map(RunResult::recordsPerSecond).orElse(Double.NaN);
        StringBuilder b = new StringBuilder();
        b.append(String.format("| %-36s | %10s | %8s | %10s | %11s | %7s | %-24s | %-6s | %s |%n", "run", "records",
                "seconds", "records/s", "words/s", "vs (a)", "peak memory", "words", "note"));
        b.append("|").append("-".repeat(38)).append("|").append("-".repeat(12)).append("|").append("-".repeat(10))
                .append("|").append("-".repeat(12)).append("|").append("-".repeat(13)).append("|")
                .append("-".repeat(9)).append("|").append("-".repeat(26)).append("|").append("-".repeat(8))
                .append("|---|\n");
        for (RunResult r : results) {
            b.append(String.format("| %-36s | %,10d | %8.1f | %,10.0f | %11s | %6.0f%% | %-24s | %-6s | %s |%n",
                    r.run(), r.records(), r.seconds(), r.recordsPerSecond(),
                    r.words() > 0 ? String.format("%,.0f", r.words() / r.seconds()) : "",
                    100 * r.recordsPerSecond() / limit,
                    String.format("%,d MiB %s", r.peakBytes() >> 20, r.memoryOf()),
                    r.allCounted() == null ? "" : r.allCounted() ? "all" : "WRONG", r.note()));
        }
        return b.toString();
    }
}
