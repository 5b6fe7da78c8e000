package io.kappa.weather;

import io.kappa.core.MarkTooLate;
import io.kappa.core.PartitionClock;

/**
 * Judges every valid reading against its own partition's event time (docs/semantics.md, rule 1, with the weather
 * window) and marks the ones too late for their window's summary ({@link Reading#tooLateAt}); they still count for the
 * observations and the latest reading. A replay {@code --from} passes its range start: readings with an earlier
 * {@code dt} are outside the replay and are dropped (rule 5).
 */
public class MarkTooLateReadings extends MarkTooLate<Reading> {
    private static final long serialVersionUID = 1L;
    public static final String UID = "mark-too-late-readings";

    public MarkTooLateReadings(long windowMillis, long allowedLatenessMillis, long outOfOrdernessMillis, long rangeStart) {
        super("weather-partition-event-time", windowMillis, allowedLatenessMillis, outOfOrdernessMillis, rangeStart);
    }

    @Override
    protected long eventTime(Reading r) {
        return r.dt * 1000;
    }

    @Override
    protected String partition(Reading r) {
        return PartitionClock.partitionKey(r.topic, r.partition);
    }

    @Override
    protected void mark(Reading r, long tooLateAt) {
        r.tooLateAt = tooLateAt;
    }
}
