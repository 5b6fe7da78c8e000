package io.kappa.client;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition with a deadline, polling: never a blind sleep. */
public final class Deadline {
    private Deadline() {}

    /** Returns when the condition holds; throws with {@code what} when the deadline passes first. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        long pause = 50;
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new ClientException("timed out after " + timeout.toSeconds() + "s waiting for " + what);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientException("interrupted while waiting for " + what);
            }
            pause = Math.min(500, pause * 2);
        }
    }
}
