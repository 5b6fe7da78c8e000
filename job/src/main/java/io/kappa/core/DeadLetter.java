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
