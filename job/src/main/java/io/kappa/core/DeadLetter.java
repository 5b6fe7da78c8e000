package io.kappa.core;

import java.util.Objects;

/**
 * A record the job could not use, with the reason. It keeps the original key and value and the source
 * position, so nothing is lost: the dead-letter topic is the place to look, fix and re-produce.
 */
public class DeadLetter {
    public RawRecord record;
    public String reason;

    public DeadLetter() {}

    public DeadLetter(RawRecord record, String reason) {
        this.record = record;
        this.reason = reason;
    }

    /**
     * A record whose processing threw what no rule foresaw (a bug, not bad input): it becomes a dead letter naming
     * the error, so that the record is kept and the job goes on, instead of failing and meeting the record again
     * after every restart (docs/semantics.md, "No record stops the job").
     */
    public static DeadLetter unprocessable(RawRecord record, Throwable error) {
        String message = String.valueOf(error.getMessage());
        if (message.length() > MAX_ERROR_MESSAGE_CHARS) {
            message = message.substring(0, MAX_ERROR_MESSAGE_CHARS) + "…";
        }
        return new DeadLetter(record, UNPROCESSABLE_PREFIX + error.getClass().getName() + ": " + message);
    }

    /** How the reason of {@link #unprocessable} begins. */
    public static final String UNPROCESSABLE_PREFIX = "could not be processed: ";
    private static final int MAX_ERROR_MESSAGE_CHARS = 200;

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter && Objects.equals(record, ((DeadLetter) o).record)
                && Objects.equals(reason, ((DeadLetter) o).reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(record, reason);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + record + ": " + reason + "}";
    }
}
