package io.kappa.cassandra;

import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.ColumnDefinitions;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.TypeCodec;
import org.apache.flink.types.Row;

/**
 * Binds values to a prepared statement with the codec of each bind variable, looked up once. The driver's
 * {@code bind(Object...)} looks a codec up for every value by its Java class, walking the registry's codecs: a sixth of
 * the writing thread's time in a profile of a replay into Cassandra (docs/benchmarks.md). Every value must be of its CQL
 * type's default Java type, as {@link Table.Column}'s are (String, Long, Integer, Double, Date).
 */
public final class BindWithKnownCodecs {
    private final PreparedStatement statement;
    private final TypeCodec<Object>[] codecs;

    @SuppressWarnings("unchecked")
    public BindWithKnownCodecs(PreparedStatement statement) {
        this.statement = statement;
        ColumnDefinitions variables = statement.getVariables();
        var registry = statement.getCodecRegistry();
        codecs = new TypeCodec[variables.size()];
        for (int i = 0; i < codecs.length; i++) {
            codecs[i] = registry.codecFor(variables.getType(i));
        }
    }

    /** The statement with the row's fields bound, in order; a null field binds null. */
    public BoundStatement bind(Row row) {
        BoundStatement bound = statement.bind();
        for (int i = 0; i < codecs.length; i++) {
            set(bound, i, row.getField(i));
        }
        return bound;
    }

    /** The statement with these values bound, in order; a null value binds null. */
    public BoundStatement bind(Object... values) {
        BoundStatement bound = statement.bind();
        for (int i = 0; i < codecs.length; i++) {
            set(bound, i, values[i]);
        }
        return bound;
    }

    private void set(BoundStatement bound, int i, Object value) {
        if (value == null) {
            bound.setToNull(i);
        } else {
            bound.set(i, value, codecs[i]);
        }
    }
}
