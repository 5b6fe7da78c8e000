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
                       int maxLineBytes, int maxWordBytes, List<Draft> latePartition, LateJoin lateJoin) {

    /** How the late partition joins: added to the topic while the job runs, or there from the start but idle. */
    public enum LateJoin { ADDED, IDLE }

    /** The idleness of the run whose partition joins idle: long enough that no busy partition stalls that long. */
    public static final Duration IDLENESS = Duration.ofSeconds(5);

    /**
     * The words of the late-partition run: every other partition's phase 0 and its closing record, then the late
     * partition's (partition {@link #wordPartitions}).
     */
    public List<Draft> latePartitionRunWords() {
        List<Draft> run = new ArrayList<>(words.stream().filter(d -> d.phase() == 0).toList());
        run.addAll(latePartition);
        return run;
    }

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
    /**
     * Where the {@code --from} replay starts: the event time halfway through the words of phase 0, so that its first
     * window is one the full replay also has, and earlier records (and the absurd ones) are outside its range.
     */
    public long from() {
        List<Long> ts = words.stream().filter(d -> d.phase() == 0).map(Draft::timestamp).sorted().toList();
        return ts.get(ts.size() / 2);
    }

    /** The kinds of input this scenario holds: every draft's label (see {@link ScenarioKind}). */
    public java.util.Set<String> labels() {
        java.util.Set<String> labels = new java.util.TreeSet<>();
        words.forEach(d -> labels.add(d.what()));
        weather.forEach(d -> labels.add(d.what()));
        latePartition.forEach(d -> labels.add(d.what()));
        return labels;
    }

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
