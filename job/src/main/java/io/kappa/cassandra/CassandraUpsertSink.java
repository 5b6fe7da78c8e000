package io.kappa.cassandra;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.Statement;
import io.kappa.core.DeadLetterWriter;
import io.kappa.core.Metrics;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.FutureCallback;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.Futures;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.ListenableFuture;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.SettableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.connectors.cassandra.AbstractCassandraTupleSink;
import org.apache.flink.streaming.connectors.cassandra.CassandraSinkBaseConfig;
import org.apache.flink.streaming.connectors.cassandra.NoOpCassandraFailureHandler;
import org.apache.flink.types.Row;

/**
 * The connector's sink base, writing a batch of rows of one partition ({@link GroupRowsByPartition}) as one unlogged
 * batch, that bends under load instead of failing the job. From the connector: the session, a hard bound on writes in
 * flight with back-pressure beyond, waiting for every write on each checkpoint and at the end, and failing the job when
 * a write has failed. Added here (the connector's failure handler can only rethrow, and the driver's default policy
 * does not retry a write that timed out):
 * <ul>
 *   <li>the consistency level of {@link CassandraSettings#consistency} (LOCAL_QUORUM with 3 replicas or more);</li>
 *   <li>retries with backoff and jitter within a budget ({@link WriteRetries}); each write keeps the client timestamp
 *       of its first attempt, so a retried old value never overwrites a newer one written meanwhile;</li>
 *   <li>an adaptive limit on writes in flight below the hard bound ({@link AdaptiveConcurrency}: AIMD on timeouts,
 *       overload and latency);</li>
 *   <li>rows Cassandra refuses for their content become dead letters ({@link DeadLetterWriter}), never a restart
 *       loop;</li>
 *   <li>metrics: {@code cassandraRetries}, {@code cassandraRowsRefused}, {@code cassandraWritesInFlight},
 *       {@code cassandraWriteLimit}, {@code cassandraWriteLatencyP99Ms}, {@code cassandraThrottledMillis}.</li>
 * </ul>
 */
public class CassandraUpsertSink extends AbstractCassandraTupleSink<Row[]> {
    private static final long serialVersionUID = 1L;
    private final String table;
    private final String insertQuery;
    private final List<String> columns;
    private final boolean writeTimestampInRow;
    private final int maxConcurrentBatches;
    private final WriteRetries retries;
    private final DeadLetterWriter deadLetters;
    private final CassandraSettings settings;
    private transient PreparedStatement insert;
    private transient BindWithKnownCodecs binder;
    private transient com.datastax.driver.core.ConsistencyLevel consistency;
    private transient AdaptiveConcurrency gate;
    private transient ScheduledExecutorService retryTimer;
    private transient Counter retried;
    private transient Counter refused;
    private transient LatencyWindow latencies;

    /**
     * @param writeTimestampInRow the rows end with their own write timestamp ({@code USING TIMESTAMP ?}); else each
     *                            write gets a client timestamp once, kept across its retries
     */
    public CassandraUpsertSink(Table<?> table, CassandraSettings settings, int maxConcurrentBatches,
                               WriteRetries retries, DeadLetterWriter deadLetters) {
        super(table.insert(settings.keyspace()), new KappaClusterBuilder(settings), CassandraSinkBaseConfig.newBuilder()
                .setMaxConcurrentRequests(maxConcurrentBatches)
                // a checkpoint waits for retries in flight: longer than their budget
                .setMaxConcurrentRequestsTimeout(retries.budget().plus(Duration.ofMinutes(1)))
                .build(), new NoOpCassandraFailureHandler());
        this.table = table.name();
        this.settings = settings;
        this.insertQuery = table.insert(settings.keyspace());
        this.columns = table.columnNames();
        this.writeTimestampInRow = table.writeTimestampMicros() != null;
        this.maxConcurrentBatches = maxConcurrentBatches;
        this.retries = retries;
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(Configuration configuration) {
        super.open(configuration);
        insert = session.prepare(insertQuery);
        consistency = settings.consistency(cluster);
        insert.setConsistencyLevel(consistency);
        binder = new BindWithKnownCodecs(insert);
        gate = new AdaptiveConcurrency(1, maxConcurrentBatches, 1_000, 250);
        retryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cassandra-retries-" + table);
            t.setDaemon(true);
            return t;
        });
        latencies = new LatencyWindow(1024);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        retried = metrics.counter(Metrics.CASSANDRA_RETRIES);
        refused = metrics.counter(Metrics.CASSANDRA_ROWS_REFUSED);
        metrics.gauge(Metrics.CASSANDRA_WRITES_IN_FLIGHT, gate::inFlight);
        metrics.gauge(Metrics.CASSANDRA_WRITE_LIMIT, gate::limit);
        metrics.gauge(Metrics.CASSANDRA_WRITE_LATENCY_P99_MS, latencies::p99Millis);
        metrics.gauge(Metrics.CASSANDRA_THROTTLED_MILLIS, () -> gate.throttledNanos() / 1_000_000);
        deadLetters.open();
    }

    @Override
    public ListenableFuture<ResultSet> send(Row[] rows) {
        try {
            gate.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Futures.immediateFailedFuture(e);
        }
        SettableFuture<ResultSet> done = SettableFuture.create();
        long timestamp = writeTimestampInRow ? Long.MIN_VALUE
                : cluster.getConfiguration().getPolicies().getTimestampGenerator().next();
        write(rows, timestamp, done, gate::release);
        return done;
    }

    private void write(Row[] rows, long timestamp, SettableFuture<ResultSet> done, Runnable release) {
        Statement statement;
        if (rows.length == 1) {
            statement = binder.bind(rows[0]);
        } else {
            BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
            batch.setConsistencyLevel(consistency);
            for (Row row : rows) {
                batch.add(binder.bind(row));
            }
            statement = batch;
        }
        if (timestamp != Long.MIN_VALUE) {
            statement.setDefaultTimestamp(timestamp);
        }
        attempt(statement, rows, timestamp, 1, System.nanoTime(), done, release);
    }

    private void attempt(Statement statement, Row[] rows, long timestamp, int attempt, long firstNanos,
                         SettableFuture<ResultSet> done, Runnable release) {
        long start = System.nanoTime();
        Futures.addCallback(session.executeAsync(statement), new FutureCallback<>() {
            @Override
            public void onSuccess(ResultSet result) {
                long latency = System.nanoTime() - start;
                latencies.add(latency);
                gate.onSuccess(latency);
                release.run();
                done.set(result);
            }

            @Override
            public void onFailure(Throwable t) {
                switch (WriteRetries.classify(t)) {
                    case RETRY -> retryOrFail(t);
                    case REFUSED -> refuse(t);
                    default -> {
                        release.run();
                        done.setException(t);
                    }
                }
            }

            private void retryOrFail(Throwable t) {
                if (WriteRetries.isOverload(t)) {
                    gate.onOverload();
                }
                long delay = retries.backoffMillis(attempt);
                long elapsed = (System.nanoTime() - firstNanos) / 1_000_000;
                if (retries.allows(attempt, elapsed, delay)) {
                    retried.inc();
                    if (attempt == 1 || attempt % 10 == 0) {
                        log.warn("write to {} failed ({}), attempt {}: retrying in {} ms", table, t.toString(), attempt,
                                delay);
                    }
                    retryTimer.schedule(() -> attempt(statement, rows, timestamp, attempt + 1, firstNanos, done, release),
                            delay, TimeUnit.MILLISECONDS);
                } else {
                    release.run();
                    done.setException(new IOException("a write to " + table + " failed " + attempt + " times in "
                            + elapsed + " ms, the retry budget (--cassandra-retry-budget " + retries.budget().toSeconds()
                            + "s): " + t.getMessage(), t));
                }
            }

            private void refuse(Throwable t) {
                if (rows.length > 1) { // find the row: each on its own, the rest still written
                    AtomicInteger left = new AtomicInteger(rows.length);
                    for (Row row : rows) {
                        SettableFuture<ResultSet> one = SettableFuture.create();
                        write(new Row[] {row}, timestamp, one, () -> {
                            if (left.decrementAndGet() == 0) {
                                release.run();
                            }
                        });
                        Futures.addCallback(one, new FutureCallback<>() {
                            @Override
                            public void onSuccess(ResultSet r) {
                                if (left.get() == 0) {
                                    done.set(r);
                                }
                            }

                            @Override
                            public void onFailure(Throwable e) {
                                done.setException(e);
                            }
                        });
                    }
                    return;
                }
                refused.inc();
                deadLetters.write(table, asMap(rows[0]), "Cassandra refused the row: " + t.getMessage());
                release.run();
                done.set(null);
            }
        });
    }

    private Map<String, Object> asMap(Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), row.getField(i));
        }
        return m;
    }

    @Override
    protected Object[] extract(Row[] rows) {
        throw new UnsupportedOperationException("a batch is bound row by row in send");
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        super.snapshotState(context); // every write in flight, retries included, has come back
        deadLetters.flush();
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            if (retryTimer != null) {
                retryTimer.shutdownNow();
            }
            deadLetters.close();
        }
    }

    /** The latencies of the last writes, for the p99 gauge. */
    static final class LatencyWindow {
        private final long[] nanos;
        private int next;
        private int size;

        LatencyWindow(int capacity) {
            nanos = new long[capacity];
        }

        synchronized void add(long latency) {
            nanos[next] = latency;
            next = (next + 1) % nanos.length;
            size = Math.min(size + 1, nanos.length);
        }

        synchronized long p99Millis() {
            if (size == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            return sorted[Math.min(size - 1, (int) Math.ceil(size * 0.99) - 1)] / 1_000_000;
        }
    }
}
