package io.kappa.bench;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.ResultSetFuture;
import com.datastax.driver.core.Session;
import io.kappa.cassandra.BindWithKnownCodecs;
import io.kappa.cassandra.Table;
import io.kappa.cassandra.Tables;
import io.kappa.words.WindowedWordCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes counted (window, word) rows into the job's table ({@link Tables#WORD_COUNTS}, its own upsert) with the
 * driver, straight from memory: unlogged batches of one partition (one window) each, several in flight,
 * asynchronously. A batch that fails is written again after the others, twice at most.
 */
final class SinkWrites {
    /**
     * The values of one batch at most: Cassandra refuses a batch over {@code batch_size_fail_threshold} (50 KiB by
     * default), whatever its rows.
     */
    static final int MAX_BATCH_BYTES = 40 * 1024;
    private static final int PASSES = 3;
    private static final List<Table.Column<WindowedWordCount>> COLUMNS = Tables.WORD_COUNTS.columns();
    /** The bytes of a row's values but its word's: 8 for every column that is not text. */
    private static final int FIXED_ROW_BYTES = 8 * (int) COLUMNS.stream()
            .filter(c -> c.type() != Table.CqlType.TEXT).count();

    /** The client's settings: rows per batch (at most, and at most {@link #MAX_BATCH_BYTES}), batches in flight. */
    record Settings(int rowsPerBatch, int inFlight) {
        @Override
        public String toString() {
            return String.format("batches of %,d rows, %d in flight", rowsPerBatch, inFlight);
        }
    }

    /**
     * A write of rows: how long it took, its batches, how many were written again after failing and how many never
     * succeeded (with the first error).
     */
    record Outcome(double seconds, long rows, int batches, int retried, int failed, String firstError) {
        double rowsPerSecond() {
            return rows / Math.max(seconds, 1e-9);
        }
    }

    /** Rows {@code from} to {@code to} (exclusive) of a window. */
    private record Batch(CountedRows.Window window, int from, int to) {}

    private final Session session;
    private final BindWithKnownCodecs insert;
    private final long windowMillis;

    SinkWrites(Session session, String keyspace, long windowMillis) {
        this.session = session;
        this.insert = new BindWithKnownCodecs(session.prepare(Tables.WORD_COUNTS.insert(keyspace)));
        this.windowMillis = windowMillis;
    }

    /**
     * The end (exclusive) of the batch that starts at row {@code from}: at most {@code rowsPerBatch} rows, whose values
     * stay within {@code maxBytes} (a single row always makes a batch).
     */
    static int batchEnd(String[] words, int from, int rowsPerBatch, int maxBytes) {
        int to = from;
        int bytes = 0;
        while (to < words.length && to - from < rowsPerBatch) {
            bytes += rowBytes(words[to]);
            if (bytes > maxBytes && to > from) {
                break;
            }
            to++;
        }
        return to;
    }

    /** The size of a row's values near enough as Cassandra measures a batch: its word in UTF-8, 8 for the others. */
    static int rowBytes(String word) {
        int bytes = FIXED_ROW_BYTES;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3; // a surrogate pair: 4
        }
        return bytes;
    }

    /**
     * Writes every row, each window moved by {@code shiftMillis} (0: as counted; the grid writes its samples into
     * partitions of their own), and waits for every write.
     */
    Outcome write(CountedRows rows, Settings settings, long shiftMillis) {
        Semaphore permits = new Semaphore(settings.inFlight());
        Queue<Batch> failed = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        int batches = 0;
        for (CountedRows.Window w : rows.windows()) {
            for (int from = 0; from < w.words().length; batches++) {
                int to = batchEnd(w.words(), from, settings.rowsPerBatch(), MAX_BATCH_BYTES);
                send(new Batch(w, from, to), shiftMillis, permits, failed, firstError);
                from = to;
            }
        }
        awaitAll(permits, settings.inFlight());
        int retried = 0;
        for (int pass = 1; pass < PASSES && !failed.isEmpty(); pass++) {
            List<Batch> again = new ArrayList<>(failed);
            failed.clear();
            retried += again.size();
            for (Batch b : again) {
                send(b, shiftMillis, permits, failed, firstError);
            }
            awaitAll(permits, settings.inFlight());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Throwable e = firstError.get();
        return new Outcome(seconds, rows.rows(), batches, retried, failed.size(), e == null ? null : e.toString());
    }

    private void send(Batch b, long shiftMillis, Semaphore permits, Queue<Batch> failed,
                      AtomicReference<Throwable> firstError) {
        BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
        WindowedWordCount row = new WindowedWordCount();
        row.windowStart = b.window().start() + shiftMillis;
        row.windowEnd = row.windowStart + windowMillis;
        for (int i = b.from(); i < b.to(); i++) {
            row.word = b.window().words()[i];
            row.count = b.window().counts()[i];
            Object[] values = new Object[COLUMNS.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = COLUMNS.get(c).value().apply(row);
            }
            batch.add(insert.bind(values));
        }
        permits.acquireUninterruptibly();
        ResultSetFuture f = session.executeAsync(batch);
        f.addListener(() -> {
            try {
                f.getUninterruptibly();
            } catch (RuntimeException e) {
                firstError.compareAndSet(null, e);
                failed.add(b);
            } finally {
                permits.release();
            }
        }, Runnable::run);
    }

    /** Waits until every write in flight has come back. */
    private static void awaitAll(Semaphore permits, int inFlight) {
        permits.acquireUninterruptibly(inFlight);
        permits.release(inFlight);
    }
}
