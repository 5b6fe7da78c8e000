package io.kappa.e2e.differential;

import io.kappa.job.JobArgs;
import io.kappa.oracle.Cities;
import io.kappa.oracle.Oracle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated input (docs/semantics.md's hostile cases, from a seed) and the job settings it runs with. Records
 * are drafts in per-partition order; {@link #inputs} gives them their offsets, which are their positions in fresh
 * topics, and {@link #phase} splits them for the live runs (phase 0 first; phase 1 opens with records that are too
 * late for what phase 0 read; phase 2 is the rest).
 */
public record Scenario(long seed, int wordPartitions, int weatherPartitions, List<Draft> words, List<Draft> weather,
                       Duration window, Duration allowedLateness, Duration outOfOrderness, Duration weatherWindow,
                       int maxLineBytes, int maxWordBytes) {

    /** A record to produce: partition, timestamp, key, value, and the live phase it belongs to. */
    public record Draft(int partition, long timestamp, byte[] key, byte[] value, int phase, String what) {}

    /** The records of one topic with their offsets (the n-th draft of a partition is at offset n of a fresh topic). */
    public static List<Oracle.Input> inputs(String topic, List<Draft> drafts) {
        List<Oracle.Input> inputs = new ArrayList<>();
        java.util.Map<Integer, Long> next = new java.util.HashMap<>();
        for (Draft d : drafts) {
            long offset = next.merge(d.partition(), 1L, Long::sum) - 1;
            inputs.add(new Oracle.Input(topic, d.partition(), offset, d.timestamp(), d.key(), d.value()));
        }
        return inputs;
    }

    /** The model's settings for these options (a full replay; the job's default, bundled, city reference data). */
    public Oracle.Settings oracleSettings() {
        return new Oracle.Settings(window.toMillis(), allowedLateness.toMillis(), outOfOrderness.toMillis(),
                weatherWindow.toMillis(), maxLineBytes, maxWordBytes, 64 << 10, 3_600_000, Cities.bundled(), null);
    }

    /** The same options for the job. */
    public JobArgs applyTo(JobArgs args) {
        return args.window(window).allowedLateness(allowedLateness).outOfOrderness(outOfOrderness)
                .weatherWindow(weatherWindow).idleness(Duration.ZERO)
                .with(o -> {
                    o.maxLineBytes = maxLineBytes;
                    o.maxWordBytes = maxWordBytes;
                });
    }

    public long count(int phase) {
        return words.stream().filter(d -> d.phase() == phase).count()
                + weather.stream().filter(d -> d.phase() == phase).count();
    }

    @Override
    public String toString() {
        return "scenario " + seed + ": " + words.size() + " word records on " + wordPartitions + " partitions, "
                + weather.size() + " weather records on " + weatherPartitions;
    }
}
