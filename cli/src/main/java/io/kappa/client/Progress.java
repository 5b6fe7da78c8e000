package io.kappa.client;

/** A progress line on stderr, redrawn at most a few times a second: count, rate, and a bar when the total is known. */
public final class Progress {
    private final String label;
    private final long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long count;
    private long lastDraw;

    public Progress(String label, long total, boolean enabled) {
        this.label = label;
        this.total = total;
        this.enabled = enabled;
    }

    public void step() {
        count++;
        if (enabled && (count & 1023) == 0) {
            long now = System.nanoTime();
            if (now - lastDraw > 250_000_000L) {
                lastDraw = now;
                draw(now);
            }
        }
    }

    public void done() {
        if (enabled) {
            draw(System.nanoTime());
            System.err.println();
        }
    }

    private void draw(long now) {
        double secs = Math.max(1e-9, (now - start) / 1e9);
        long rate = (long) (count / secs);
        if (total > 0) {
            int width = 30;
            int filled = (int) (width * Math.min(1.0, (double) count / total));
            System.err.printf("\r  %s [%s%s] %,d/%,d  %,d/s ", label, "#".repeat(filled), ".".repeat(width - filled),
                    count, total, rate);
        } else {
            System.err.printf("\r  %s %,d  %,d/s ", label, count, rate);
        }
    }
}
