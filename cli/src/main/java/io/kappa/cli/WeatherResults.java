package io.kappa.cli;

import io.kappa.cassandra.Tables;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the weather tables of one output version (keyspace). */
public final class WeatherResults implements AutoCloseable {
    private final CassandraSettings settings;
    private final CassandraConnection connection;
    private final Session session;
    private final boolean ownsConnection;

    public WeatherResults(CassandraSettings settings) {
        this(settings, CassandraConnection.open(settings), true);
    }

    /** Reads {@code settings.keyspace()} through a connection the caller keeps open (and closes). */
    public WeatherResults(CassandraSettings settings, CassandraConnection shared) {
        this(settings, shared, false);
    }

    private WeatherResults(CassandraSettings settings, CassandraConnection connection, boolean ownsConnection) {
        this.settings = settings;
        this.connection = connection;
        this.session = connection.session();
        this.ownsConnection = ownsConnection;
    }

    private List<Row> query(String table, String where, Object... values) {
        try {
            return session.execute("SELECT * FROM " + settings.keyspace() + "." + table + where, values).all();
        } catch (InvalidQueryException e) {
            throw new IllegalStateException("keyspace '" + settings.keyspace() + "' has no weather tables ("
                    + e.getMessage() + "): is --keyspace right? (bin/kappa schema create)");
        }
    }

    /** The latest reading of every city, by city name. */
    public List<Row> latest() {
        List<Row> rows = new ArrayList<>(query(Tables.WEATHER_LATEST.name(), ""));
        rows.sort(Comparator.comparing((Row r) -> r.getString("country")).thenComparing(r -> r.getString("city")));
        return rows;
    }

    public List<Row> observations(long cityId, int limit) {
        return query(Tables.WEATHER_OBSERVATIONS.name(), " WHERE city_id = ? LIMIT " + limit, cityId);
    }

    public List<Row> windows(long cityId, int limit) {
        return query(Tables.WEATHER_WINDOWS.name(), " WHERE city_id = ? LIMIT " + limit, cityId);
    }

    /** Every row of a weather table as "key columns -> all columns", for comparing two output versions. */
    public Map<String, String> all(String table) {
        Map<String, String> rows = new TreeMap<>();
        for (Row r : query(table, "")) {
            StringBuilder key = new StringBuilder(Long.toString(r.getLong("city_id")));
            StringBuilder value = new StringBuilder();
            for (var def : r.getColumnDefinitions()) {
                Object v = r.getObject(def.getName());
                value.append(def.getName()).append('=').append(v instanceof java.util.Date d ? d.getTime() : v).append(' ');
                if (def.getName().equals("observed_at") && !table.equals(Tables.WEATHER_LATEST.name())
                        || def.getName().equals("window_start")) {
                    key.append(' ').append(v instanceof java.util.Date d ? java.time.Instant.ofEpochMilli(d.getTime()) : v);
                }
            }
            rows.put(key.toString(), value.toString().trim());
        }
        return rows;
    }

    @Override
    public void close() {
        if (ownsConnection) {
            connection.close();
        }
    }
}
