package io.kappa.client.cassandra;

import com.datastax.driver.core.Row;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.cassandra.Table;
import java.util.List;

/**
 * What the readers of one output version (keyspace) share: a driver connection of their own or one the caller keeps
 * open, and queries that fail with one line when the keyspace lacks the tables.
 */
public abstract class KeyspaceReader implements AutoCloseable {
    private final CassandraSettings settings;
    private final CassandraConnection connection;
    private final boolean ownsConnection;
    private final String tables;

    /** @param tables which tables, for the message when they are missing: "word-count", "weather" */
    protected KeyspaceReader(CassandraSettings settings, CassandraConnection shared, String tables) {
        this.settings = settings;
        this.connection = shared != null ? shared : CassandraConnection.open(settings);
        this.ownsConnection = shared == null;
        this.tables = tables;
    }

    /** The keyspace read. */
    public String keyspace() {
        return settings.keyspace();
    }

    /** {@code SELECT <the table's columns> FROM keyspace.table} followed by {@code rest} (a WHERE clause, a LIMIT). */
    protected final List<Row> select(Table<?> table, String rest, Object... values) {
        return query(table.select(keyspace()) + rest, values);
    }

    protected final List<Row> query(String cql, Object... values) {
        try {
            return connection.session().execute(cql, values).all();
        } catch (InvalidQueryException e) {
            throw new IllegalStateException("keyspace '" + keyspace() + "' has no " + tables + " tables ("
                    + e.getMessage() + "): is --keyspace right? (bin/kappa schema create)");
        }
    }

    /** {@code " WHERE <the table's partition key> = ?"}. */
    public static String wherePartitionKey(Table<?> table) {
        if (table.partitionKeyColumns() != 1) {
            throw new IllegalArgumentException("table " + table.name() + " has a partition key of several columns");
        }
        return " WHERE " + table.columnNames().get(0) + " = ?";
    }

    @Override
    public void close() {
        if (ownsConnection) {
            connection.close();
        }
    }
}
