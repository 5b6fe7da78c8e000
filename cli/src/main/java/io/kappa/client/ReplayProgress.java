package io.kappa.client;

/**
 * Where a running replay is: records read of the total to read, after some seconds. {@code bin/kappa replay} draws
 * it as a bar, the dashboard shows it per replay job.
 */
public record ReplayProgress(long read, long total, double seconds) {
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

    /** The progress bar's line: {@code \r  replay [###....] 1,000/3,000 records  500/s  ETA 4 s}. */
    public String line() {
        String eta = etaSeconds() == null ? "" : String.format("  ETA %.0f s", etaSeconds());
        return String.format("\r  replay %s %,d/%,d records  %,.0f/s%s   ", Bar.of(fraction()), read, total, rate(), eta);
    }
}
