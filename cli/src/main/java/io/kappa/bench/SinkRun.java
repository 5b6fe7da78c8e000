package io.kappa.bench;

import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.client.cassandra.Keyspaces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * (s) the sink's limit: the (window, word) rows the one-thread count (a') computed, written from memory into a fresh
 * keyspace with the job's tables ({@link SinkWrites}), with the best client settings a small grid found on a sample
 * of them the first time it ran (time-boxed; the samples go into a scratch keyspace, each setting into partitions of
 * its own, after one untimed warm-up).
 */
public final class SinkRun {
    static final String NAME = "(s) the rows straight into Cassandra";
    static final String KEYSPACE = "bench_sink";
    static final String GRID_KEYSPACE = "bench_sink_grid";
    /** Rows the grid writes with each setting: at 1,000 rows per batch, enough batches to fill 64 in flight. */
    static final long SAMPLE_ROWS = 100_000;
    /** Rows per batch × batches in flight ({@link #grid}). */
    static final List<SinkWrites.Settings> GRID = grid(List.of(100, 200, 500, 1000), List.of(8, 16, 32, 64));
    private static final SinkWrites.Settings WARM_UP = new SinkWrites.Settings(200, 16);
    /** Where each setting's sample is written: its windows moved by a multiple of this, clear of every other. */
    private static final long SHIFT_MILLIS = Duration.ofDays(365).toMillis();

    /** One setting tried on the sample. */
    record Trial(SinkWrites.Settings settings, SinkWrites.Outcome outcome) {}

    /** The settings the grid chose, and how it chose them (for the note). */
    private record Choice(SinkWrites.Settings settings, String how) {}

    private final BenchTarget target;
    private final Dataset d;
    private final Supplier<CountedRows> rows;
    private final Duration gridBudget;
    private Choice choice;

    /**
     * @param rows       the rows to write: (a')'s
     * @param gridBudget how long the grid may try settings (it always tries one)
     */
    public SinkRun(BenchTarget target, Dataset d, Supplier<CountedRows> rows, Duration gridBudget) {
        this.target = target;
        this.d = d;
        this.rows = rows;
        this.gridBudget = gridBudget;
    }

    /**
     * Every rows per batch with every number in flight, in an order in which each run of {@code n} consecutive
     * settings (n = the number of each) has every rows per batch and every number in flight once: a time box that
     * stops the grid early still leaves settings across its whole range tried.
     */
    static List<SinkWrites.Settings> grid(List<Integer> rowsPerBatch, List<Integer> inFlight) {
        if (rowsPerBatch.size() != inFlight.size()) {
            throw new IllegalArgumentException("the grid is square");
        }
        int n = rowsPerBatch.size();
        List<SinkWrites.Settings> grid = new ArrayList<>();
        for (int diagonal = 0; diagonal < n; diagonal++) {
            for (int i = 0; i < n; i++) {
                grid.add(new SinkWrites.Settings(rowsPerBatch.get(i), inFlight.get((i + diagonal) % n)));
            }
        }
        return List.copyOf(grid);
    }

    /** The fastest setting among those whose every batch was written, if any was. */
    static Optional<Trial> best(List<Trial> trials) {
        return trials.stream().filter(t -> t.outcome().failed() == 0)
                .max(Comparator.comparingDouble(t -> t.outcome().rowsPerSecond()));
    }

    public RunResult run() {
        CountedRows all = rows.get();
        if (choice == null) {
            choice = choose(all.head(SAMPLE_ROWS));
        }
        CassandraSettings settings = fresh(KEYSPACE);
        target.out().println(NAME + ", " + choice.settings() + " ...");
        JvmFigures.resetPeakHeap();
        SinkWrites.Outcome o;
        try (CassandraConnection c = CassandraConnection.open(settings)) {
            o = new SinkWrites(c.session(), KEYSPACE, all.windowMillis()).write(all, choice.settings(), 0);
        }
        long peak = JvmFigures.peakHeap();
        long words = ReplayRuns.wordsInCassandra(target, KEYSPACE, d);
        String trouble = o.failed() > 0 ? String.format("; %,d batches failed: %s", o.failed(), o.firstError())
                : o.retried() > 0 ? String.format("; %,d batches written again: %s", o.retried(), o.firstError()) : "";
        return new RunResult(RunResult.Kind.SINK, NAME, o.rows(), o.seconds(), words,
                words == d.totalWords() && o.failed() == 0, peak, "CLI heap",
                String.format("records: (window, word) rows; %,d batches: %s (%s)%s", o.batches(), choice.settings(),
                        choice.how(), trouble));
    }

    /** An empty keyspace with the job's tables. */
    private CassandraSettings fresh(String keyspace) {
        CassandraSettings settings = target.cassandra().keyspace(keyspace);
        Keyspaces.drop(settings, keyspace);
        Keyspaces.create(settings);
        return settings;
    }

    /** Tries the grid's settings on the sample, within the budget; the fastest wins. */
    private Choice choose(CountedRows sample) {
        target.out().printf("(s) client settings: up to %d on a sample of %,d rows (%d windows), for %d s at most ...%n",
                GRID.size(), sample.rows(), sample.windows().size(), gridBudget.toSeconds());
        List<Trial> trials = new ArrayList<>();
        CassandraSettings settings = fresh(GRID_KEYSPACE);
        try (CassandraConnection c = CassandraConnection.open(settings)) {
            SinkWrites writes = new SinkWrites(c.session(), GRID_KEYSPACE, sample.windowMillis());
            writes.write(sample, WARM_UP, SHIFT_MILLIS);
            long deadline = System.nanoTime() + gridBudget.toNanos();
            for (int i = 0; i < GRID.size() && (i == 0 || System.nanoTime() < deadline); i++) {
                SinkWrites.Outcome o = writes.write(sample, GRID.get(i), (i + 2) * SHIFT_MILLIS);
                trials.add(new Trial(GRID.get(i), o));
                target.out().printf("  %-36s %,10.0f rows/s%s%n", GRID.get(i), o.rowsPerSecond(),
                        o.failed() > 0 ? ", " + o.failed() + " batches failed: " + o.firstError() : "");
            }
        } finally {
            Keyspaces.drop(settings, GRID_KEYSPACE);
        }
        String tried = trials.size() == GRID.size() ? "all " + GRID.size() + " settings"
                : trials.size() + " of the " + GRID.size() + " settings, in its time box of " + gridBudget.toSeconds()
                        + " s,";
        Trial best = best(trials).orElseThrow(() -> new IllegalStateException("(s): no client setting wrote every "
                + "batch of the sample into Cassandra (" + trials.get(0).outcome().firstError() + ")"));
        return new Choice(best.settings(), String.format("the fastest of %s on %,d rows: %,.0f rows/s", tried,
                sample.rows(), best.outcome().rowsPerSecond()));
    }
}
