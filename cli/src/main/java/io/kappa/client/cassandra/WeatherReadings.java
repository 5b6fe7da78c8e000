package io.kappa.client.cassandra;

import com.datastax.driver.core.Row;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.cassandra.Table;
import io.kappa.cassandra.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the weather tables ({@link Tables#WEATHER_LATEST}, {@link Tables#WEATHER_OBSERVATIONS},
 * {@link Tables#WEATHER_WINDOWS}) of one output version (keyspace).
 */
public final class WeatherReadings extends KeyspaceReader {

    /** A row of {@link Tables#WEATHER_LATEST}: the newest reading of a city. */
    public record LatestRow(long cityId, String city, String country, Double windspeed, Long observedAt,
                            String localTime, Double tempC, Double feelsLikeC, Double windKmh, String beaufortName,
                            String compass, String condition) {}

    /** A row of {@link Tables#WEATHER_OBSERVATIONS}: one enriched reading. */
    public record ObservationRow(long cityId, long observedAt, String city, String country, String localTime,
                                 Double tempC, Double tempF, Double feelsLikeC, Integer humidity, Integer pressure,
                                 Double windMs, Double windKmh, Integer windDeg, Integer beaufort, String beaufortName,
                                 String compass, String condition, String description) {}

    /** A row of {@link Tables#WEATHER_WINDOWS}: one city's window summary. */
    public record WindowRow(long cityId, long windowStart, Long windowEnd, String city, Long readings, Double minTempC,
                            Double maxTempC, Double avgTempC, Double maxWindKmh, String topCondition) {}

    private static final RowMapper<LatestRow> LATEST = RowMapper.of(Tables.WEATHER_LATEST, LatestRow.class);
    private static final RowMapper<ObservationRow> OBSERVATIONS =
            RowMapper.of(Tables.WEATHER_OBSERVATIONS, ObservationRow.class);
    private static final RowMapper<WindowRow> WINDOWS = RowMapper.of(Tables.WEATHER_WINDOWS, WindowRow.class);

    public WeatherReadings(CassandraSettings settings) {
        super(settings, null, "weather");
    }

    /** Reads {@code settings.keyspace()} through a connection the caller keeps open (and closes). */
    public WeatherReadings(CassandraSettings settings, CassandraConnection shared) {
        super(settings, shared, "weather");
    }

    /** The latest reading of every city, by country, then city. */
    public List<LatestRow> latest() {
        List<LatestRow> rows = new ArrayList<>(LATEST.map(select(Tables.WEATHER_LATEST, "")));
        rows.sort(Comparator.comparing(LatestRow::country).thenComparing(LatestRow::city));
        return rows;
    }

    /** A city's readings, newest first. */
    public List<ObservationRow> observations(long cityId, int limit) {
        return OBSERVATIONS.map(select(Tables.WEATHER_OBSERVATIONS,
                wherePartitionKey(Tables.WEATHER_OBSERVATIONS) + " LIMIT " + limit, cityId));
    }

    /** How many readings of a city there are. */
    public long observationCount(long cityId) {
        return query("SELECT count(*) FROM " + Tables.WEATHER_OBSERVATIONS.in(keyspace())
                + wherePartitionKey(Tables.WEATHER_OBSERVATIONS), cityId).get(0).getLong(0);
    }

    /** A city's window summaries, newest first. */
    public List<WindowRow> windows(long cityId, int limit) {
        return WINDOWS.map(select(Tables.WEATHER_WINDOWS, wherePartitionKey(Tables.WEATHER_WINDOWS) + " LIMIT " + limit,
                cityId));
    }

    /**
     * Every row of a weather table as "primary key → every column", for comparing two output versions: the key is the
     * city id and any clustering column (as ISO-8601), the value {@code column=value} pairs (timestamps in epoch
     * milliseconds).
     */
    public Map<String, String> all(Table<?> table) {
        List<String> columns = table.columnNames();
        Map<String, String> rows = new TreeMap<>();
        for (Row r : select(table, "")) {
            StringBuilder key = new StringBuilder();
            StringBuilder value = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                Object v = r.getObject(i);
                value.append(columns.get(i)).append('=').append(v instanceof Date d ? d.getTime() : v).append(' ');
                if (i < table.primaryKeyColumns()) {
                    key.append(i == 0 ? "" : " ").append(v instanceof Date d ? Instant.ofEpochMilli(d.getTime()) : v);
                }
            }
            rows.put(key.toString(), value.toString().trim());
        }
        return rows;
    }
}
