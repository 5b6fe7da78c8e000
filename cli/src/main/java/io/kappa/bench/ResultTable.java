package io.kappa.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The bench's table (Markdown) under a few lines that say how it was measured: each run's median seconds and range
 * over the rounds, its throughput, its multiple of what it is measured against ({@link Limit}), memory, counting.
 */
public final class ResultTable {
    private static final String ROW = "| %-36s | %10s | %8s | %11s | %7s | %10s | %11s | %-11s | %-11s | %-24s | %-6s | %s |%n";
    private static final int[] WIDTHS = {36, 10, 8, 11, 7, 10, 11, 11, 11, 24, 6};

    private ResultTable() {}

    /** @param otherJobs the jobs that ran on the cluster beside the bench's (--allow-other-jobs), or "" for none */
    public static String format(List<RunSummary> runs, String otherJobs) {
        return format(runs, otherJobs, Runtime.getRuntime().availableProcessors());
    }

    /** @param cores the cores the machine's processes share (the CPU floor's divisor) */
    public static String format(List<RunSummary> runs, String otherJobs, int cores) {
        int rounds = runs.stream().mapToInt(RunSummary::rounds).max().orElse(0);
        Limit limit = Limit.of(runs, cores);
        List<String> header = new ArrayList<>();
        header.add(String.format("%d round%s, the order rotated from round to round; seconds: the median over the "
                + "rounds, range: min–max; records/s, words/s and multiples from the medians", rounds,
                rounds == 1 ? "" : "s"));
        header.add(limit.describe());
        if (!otherJobs.isEmpty()) {
            header.add("measured while other jobs ran on the cluster (--allow-other-jobs): " + otherJobs);
        }
        StringBuilder b = new StringBuilder();
        header.forEach(h -> b.append(h).append('\n'));
        b.append('\n');
        b.append(String.format(ROW, "run", "records", "seconds", "range", "CPU-s", "records/s", "words/s", "multiple",
                "× floor", "peak memory", "words", "note"));
        for (int w : WIDTHS) {
            b.append('|').append("-".repeat(w + 2));
        }
        b.append("|---|\n");
        for (RunSummary r : runs) {
            b.append(String.format(ROW, r.run(), String.format("%,d", r.records()), String.format("%.1f", r.seconds()),
                    String.format("%.1f–%.1f", r.minSeconds(), r.maxSeconds()),
                    Double.isNaN(r.cpuSeconds()) ? "" : String.format("%.1f", r.cpuSeconds()),
                    String.format("%,.0f", r.recordsPerSecond()),
                    r.words() > 0 ? String.format("%,.0f", r.wordsPerSecond()) : "", limit.multiple(r),
                    limit.floorMultiple(r),
                    String.format("%,d MiB %s", r.peakBytes() >> 20, r.memoryOf()),
                    r.allCounted() == null ? "" : r.allCounted() ? "all" : "WRONG", r.note()));
        }
        return b.toString();
    }
}
