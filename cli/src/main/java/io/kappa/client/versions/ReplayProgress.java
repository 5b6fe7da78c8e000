package io.kappa.client.versions;

import io.kappa.client.Bar;

/**
 * Where a running replay is: records read of the total to read, after some seconds, and how much of the last while its
 * Cassandra sink held the job back ({@code throttled}, 0..1: the share of time its most throttled subtask waited for
 * the adaptive limit on writes in flight). {@code bin/kappa replay} draws it as a bar, the dashboard shows it per replay
 * job.
 */
public record ReplayProgress(long read, long total, double seconds, double throttled) {
    public ReplayProgress(long read, long total, double seconds) {
        this(read, total, seconds, 0);
    }

    /** 0..1; a replay of nothing is done. */
    public double fraction() {
        return total == 0 ? 1 : Math.min(1.0, (double) read / total);
    }

    /** Records per second so far. */
    public double rate() {
        return read / Math.max(seconds, 1e-3);
    }

    /** Seconds left at the rate so far, or null before the first record and once everything is read. */
    public Double etaSeconds() {
        return read == 0 || read >= total ? null : (total - read) / Math.max(rate(), 1);
    }

    /**
     * The progress bar's line: {@code \r  replay [###....] 1,000/3,000 records  500/s  ETA 4 s}, and
     * {@code  sink throttled 40%} while Cassandra holds it back.
     */
    public String line() {
        String eta = etaSeconds() == null ? "" : String.format("  ETA %.0f s", etaSeconds());
        String sink = throttled >= 0.01 ? String.format("  sink throttled %.0f%%", throttled * 100) : "";
        return String.format("\r  replay %s %,d/%,d records  %,.0f/s%s%s   ", Bar.of(fraction()), read, total, rate(), eta,
                sink);
    }
}
