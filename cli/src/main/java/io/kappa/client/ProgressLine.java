package io.kappa.client;

import java.io.PrintWriter;

/**
 * A progress line (bin/kappa writes it to stderr), redrawn at most a few times a second: count, rate, and a bar when
 * the total is known.
 */
public final class ProgressLine {
    private final String label;
    private final long total;
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private long count;
    private long lastDraw;

    /** @param out where the line is drawn, or null for none */
    public ProgressLine(String label, long total, PrintWriter out) {
        this.label = label;
        this.total = total;
        this.out = out;
    }

    public void step() {
        count++;
        if (out != null && (count & 1023) == 0) {
            long now = System.nanoTime();
            if (now - lastDraw > 250_000_000L) {
                lastDraw = now;
                draw(now);
            }
        }
    }

    public void done() {
        if (out != null) {
            draw(System.nanoTime());
            out.println();
            out.flush();
        }
    }

    private void draw(long now) {
        double secs = Math.max(1e-9, (now - start) / 1e9);
        long rate = (long) (count / secs);
        if (total > 0) {
            out.printf("\r  %s %s %,d/%,d  %,d/s ", label, Bar.of(count, total), count, total, rate);
        } else {
            out.printf("\r  %s %,d  %,d/s ", label, count, rate);
        }
        out.flush();
    }
}
