package io.kappa.client.cassandra;

import com.datastax.driver.core.Row;
import io.kappa.cassandra.Table;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the rows of a {@link Table} (selected with {@link Table#select}, its columns in order) into a record whose
 * components are some of the table's columns, named in camelCase ({@code window_start} is {@code windowStart}), in
 * any order. A text column is a String; bigint a long; int an int; double a double; timestamp epoch milliseconds (a
 * long). A boxed component is null for a null cell, a primitive one 0. Checked when made: a record that names a
 * column the table does not have, or with the wrong type, fails at once.
 */
public final class RowMapper<R extends Record> {
    private static final Map<Table.CqlType, Set<Class<?>>> TYPES = Map.of(
            Table.CqlType.TEXT, Set.of(String.class),
            Table.CqlType.BIGINT, Set.of(long.class, Long.class),
            Table.CqlType.INT, Set.of(int.class, Integer.class),
            Table.CqlType.DOUBLE, Set.of(double.class, Double.class),
            Table.CqlType.TIMESTAMP, Set.of(long.class, Long.class));

    private final Constructor<R> constructor;
    private final int[] columns;
    private final Table.CqlType[] types;
    private final boolean[] primitive;

    private RowMapper(Table<?> table, Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = table.columnNames().stream().map(RowMapper::camelCase).toList();
        columns = new int[components.length];
        types = new Table.CqlType[components.length];
        primitive = new boolean[components.length];
        Class<?>[] parameters = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            columns[i] = names.indexOf(c.getName());
            if (columns[i] < 0) {
                throw new IllegalStateException(type.getSimpleName() + "." + c.getName() + " is no column of table "
                        + table.name() + " " + table.columnNames());
            }
            types[i] = table.columns().get(columns[i]).type();
            if (!TYPES.get(types[i]).contains(c.getType())) {
                throw new IllegalStateException(type.getSimpleName() + "." + c.getName() + " is a " + c.getType()
                        .getSimpleName() + ", but column " + table.columnNames().get(columns[i]) + " is " + types[i].cql);
            }
            primitive[i] = c.getType().isPrimitive();
            parameters[i] = c.getType();
        }
        try {
            constructor = type.getDeclaredConstructor(parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
    }

    public static <R extends Record> RowMapper<R> of(Table<?> table, Class<R> type) {
        return new RowMapper<>(table, type);
    }

    /** {@code window_start} → {@code windowStart}. */
    static String camelCase(String column) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return b.toString();
    }

    /** The record of a row selected with the table's {@link Table#select}. */
    public R map(Row row) {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = value(row, columns[i], types[i], primitive[i]);
        }
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot make a " + constructor.getDeclaringClass().getSimpleName(), e);
        }
    }

    public List<R> map(List<Row> rows) {
        return rows.stream().map(this::map).toList();
    }

    private static Object value(Row row, int i, Table.CqlType type, boolean primitive) {
        if (!primitive && row.isNull(i)) {
            return null;
        }
        return switch (type) {
            case TEXT -> row.getString(i);
            case BIGINT -> row.getLong(i);
            case INT -> row.getInt(i);
            case DOUBLE -> row.getDouble(i);
            case TIMESTAMP -> {
                Date d = row.getTimestamp(i);
                yield d == null ? 0L : d.getTime();
            }
        };
    }
}
