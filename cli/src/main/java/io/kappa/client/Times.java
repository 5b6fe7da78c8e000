package io.kappa.client;

import java.time.Instant;

/** Instants as the CLI and the dashboard print them. */
public final class Times {
    private Times() {}

    /** ISO-8601, or "none" for null. */
    public static String iso(Long epochMillis) {
        return epochMillis == null ? "none" : Instant.ofEpochMilli(epochMillis).toString();
    }
}
