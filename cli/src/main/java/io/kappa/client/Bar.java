package io.kappa.client;

/** The progress bars' bar: {@code [#####.........]}, 30 characters between the brackets. */
public final class Bar {
    public static final int WIDTH = 30;

    private Bar() {}

    /** The bar for {@code done} of {@code total} (at most full). */
    public static String of(long done, long total) {
        return of(Math.min(1.0, (double) done / total));
    }

    /** The bar for a fraction from 0 to 1. */
    public static String of(double fraction) {
        int filled = (int) (WIDTH * fraction);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
    }
}
