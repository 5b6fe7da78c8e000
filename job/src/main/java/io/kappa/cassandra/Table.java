package io.kappa.cassandra;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.function.SerializableFunction;

/**
 * One output table, defined once: its name, its typed columns in order (partition key, then clustering columns,
 * then the rest), its keys and clustering order, and, for tables the job writes, how each column's value comes from
 * the element written and the element's write timestamp. The DDL, the upsert, the key sizes of the batching sink and
 * the readers' column names all come from here ({@link Tables}).
 *
 * @param <T> the element a row is written from ({@code Void} for tables only the tools write)
 * @param partitionKeyColumns the first columns that make the partition key
 * @param primaryKeyColumns the first columns that make the primary key (partition key, then clustering columns)
 * @param clusteringOrder e.g. {@code observed_at DESC}, or null
 * @param writeTimestampMicros the CQL write timestamp of a row, or null for the driver's clock
 */
public record Table<T>(String name, List<Column<T>> columns, int partitionKeyColumns, int primaryKeyColumns,
                       String clusteringOrder, SerializableFunction<T, Long> writeTimestampMicros)
        implements Serializable {

    /** CQL types the tables use, with the Flink type the driver binds for each. */
    public enum CqlType {
        TEXT("text", Types.STRING), BIGINT("bigint", Types.LONG), INT("int", Types.INT), DOUBLE("double", Types.DOUBLE),
        /** From epoch milliseconds: bound as a {@link Date}. */
        TIMESTAMP("timestamp", BasicTypeInfo.DATE_TYPE_INFO);

        public final String cql;
        public final TypeInformation<?> flinkType;

        CqlType(String cql, TypeInformation<?> flinkType) {
            this.cql = cql;
            this.flinkType = flinkType;
        }
    }

    /** A column: name, type, and how to get its value from an element (null for tables the job does not write). */
    public record Column<T>(String name, CqlType type, SerializableFunction<T, Object> value) implements Serializable {
        public static <T> Column<T> text(String name, SerializableFunction<T, String> value) {
            return new Column<>(name, CqlType.TEXT, value == null ? null : value::apply);
        }

        public static <T> Column<T> bigint(String name, SerializableFunction<T, Long> value) {
            return new Column<>(name, CqlType.BIGINT, value == null ? null : value::apply);
        }

        public static <T> Column<T> integer(String name, SerializableFunction<T, Integer> value) {
            return new Column<>(name, CqlType.INT, value == null ? null : value::apply);
        }

        public static <T> Column<T> dbl(String name, SerializableFunction<T, Double> value) {
            return new Column<>(name, CqlType.DOUBLE, value == null ? null : value::apply);
        }

        /** A CQL {@code timestamp} from epoch milliseconds. */
        public static <T> Column<T> timestamp(String name, SerializableFunction<T, Long> epochMillis) {
            return new Column<>(name, CqlType.TIMESTAMP, epochMillis == null ? null : e -> new Date(epochMillis.apply(e)));
        }
    }

    public Table {
        columns = List.copyOf(columns);
        if (partitionKeyColumns < 1 || primaryKeyColumns < partitionKeyColumns || primaryKeyColumns > columns.size()) {
            throw new IllegalArgumentException("table " + name + ": bad key column counts");
        }
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** {@code keyspace.name}. */
    public String in(String keyspace) {
        return keyspace + "." + name;
    }

    /** {@code CREATE TABLE IF NOT EXISTS …}. */
    public String createStatement(String keyspace) {
        List<String> names = columnNames();
        String partition = String.join(", ", names.subList(0, partitionKeyColumns));
        List<String> clustering = names.subList(partitionKeyColumns, primaryKeyColumns);
        String key = clustering.isEmpty() && partitionKeyColumns == 1 ? partition
                : "(" + partition + ")" + (clustering.isEmpty() ? "" : ", " + String.join(", ", clustering));
        return "CREATE TABLE IF NOT EXISTS " + in(keyspace) + " ("
                + columns.stream().map(c -> c.name() + " " + c.type().cql).collect(Collectors.joining(", "))
                + ", PRIMARY KEY (" + key + "))"
                + (clusteringOrder == null ? "" : " WITH CLUSTERING ORDER BY (" + clusteringOrder + ")");
    }

    /**
     * {@code INSERT INTO keyspace.name (columns) VALUES (?, …)} — an upsert of the whole row — followed by
     * {@code USING TIMESTAMP ?} when the table has a write timestamp (bound after the columns).
     */
    public String insert(String keyspace) {
        return "INSERT INTO " + in(keyspace) + " (" + String.join(", ", columnNames()) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")"
                + (writeTimestampMicros != null ? " USING TIMESTAMP ?" : "");
    }

    /** The Flink types of the row the upsert binds: the columns, then the write timestamp if there is one. */
    public TypeInformation<?>[] rowTypes() {
        List<TypeInformation<?>> types = new ArrayList<>();
        columns.forEach(c -> types.add(c.type().flinkType));
        if (writeTimestampMicros != null) {
            types.add(Types.LONG);
        }
        return types.toArray(TypeInformation[]::new);
    }

    /** {@code SELECT columns FROM keyspace.name}, for readers. */
    public String select(String keyspace) {
        return "SELECT " + String.join(", ", columnNames()) + " FROM " + in(keyspace);
    }
}
