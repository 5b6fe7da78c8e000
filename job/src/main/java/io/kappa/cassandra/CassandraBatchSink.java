package io.kappa.cassandra;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.Statement;
import java.time.Duration;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.ListenableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.connectors.cassandra.AbstractCassandraTupleSink;
import org.apache.flink.streaming.connectors.cassandra.CassandraSinkBaseConfig;
import org.apache.flink.streaming.connectors.cassandra.NoOpCassandraFailureHandler;
import org.apache.flink.types.Row;

/**
 * The connector's Row sink, writing a batch of rows of one partition ({@link GroupRowsByPartition}) as one
 * unlogged batch. Everything else is the connector's: the session, the bound on in-flight requests (here:
 * batches) with back-pressure beyond, waiting for them all on every checkpoint and at the end, and failing the
 * job when a write fails. (The connector has no batching sink; this subclass is the few lines it takes.)
 */
public class CassandraBatchSink extends AbstractCassandraTupleSink<Row[]> {
    private static final long serialVersionUID = 1L;
    private final String insertQuery;
    private transient PreparedStatement insert;

    public CassandraBatchSink(String insertQuery, KappaClusterBuilder builder, int maxConcurrentBatches) {
        super(insertQuery, builder, CassandraSinkBaseConfig.newBuilder()
                .setMaxConcurrentRequests(maxConcurrentBatches)
                .setMaxConcurrentRequestsTimeout(Duration.ofMinutes(1))
                .build(), new NoOpCassandraFailureHandler());
        this.insertQuery = insertQuery;
    }

    @Override
    public void open(Configuration configuration) {
        super.open(configuration);
        insert = session.prepare(insertQuery);
    }

    @Override
    public ListenableFuture<ResultSet> send(Row[] rows) {
        Statement statement;
        if (rows.length == 1) {
            statement = insert.bind(extract(rows[0]));
        } else {
            BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
            for (Row row : rows) {
                batch.add(insert.bind(extract(row)));
            }
            statement = batch;
        }
        return session.executeAsync(statement);
    }

    private static Object[] extract(Row row) {
        Object[] values = new Object[row.getArity()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.getField(i);
        }
        return values;
    }

    @Override
    protected Object[] extract(Row[] rows) {
        throw new UnsupportedOperationException("a batch is bound row by row in send");
    }
}
