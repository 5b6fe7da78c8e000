package io.kappa.cassandra;

import java.util.List;

/**
 * The output tables of one output version (keyspace). Every table is keyed so that writing the same result
 * twice is an upsert: replays and restarts recompute rows, never add to them. Created with IF NOT EXISTS by
 * the job at start and by {@code bin/kappa schema create}.
 */
public final class CassandraSchema {
    private CassandraSchema() {}

    /**
     * Word counts of a window, for "top N words of this window"; with a storage-attached index on the word for
     * "this word over time" (one table written instead of two: see docs/benchmarks.md).
     */
    public static final String WORD_COUNTS_BY_WINDOW = "word_counts_by_window";
    public static final String WORD_INDEX = "word_counts_by_window_word";

    /** Every enriched weather reading of a city, newest first. */
    public static final String WEATHER_OBSERVATIONS = "weather_observations_by_city";
    /** Per-city window summaries, newest first. */
    public static final String WEATHER_WINDOWS = "weather_windows_by_city";
    /** The newest reading per city: the course's weather(city, country, windspeed), done right. */
    public static final String WEATHER_LATEST = "weather_latest_by_city";

    public static List<String> statements(String keyspace, int replicationFactor) {
        return List.of(
                "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
                        + "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}",
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + WORD_COUNTS_BY_WINDOW + " ("
                        + "window_start timestamp, word text, window_end timestamp, count bigint, "
                        + "PRIMARY KEY ((window_start), word))",
                "CREATE INDEX IF NOT EXISTS " + WORD_INDEX + " ON " + keyspace + "." + WORD_COUNTS_BY_WINDOW
                        + " (word) USING 'sai'",
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + WEATHER_OBSERVATIONS + " ("
                        + "city_id bigint, observed_at timestamp, city text, country text, local_time text, "
                        + "temp_c double, temp_f double, feels_like_c double, humidity int, pressure int, "
                        + "wind_ms double, wind_kmh double, wind_deg int, beaufort int, beaufort_name text, compass text, "
                        + "condition text, description text, "
                        + "PRIMARY KEY ((city_id), observed_at)) WITH CLUSTERING ORDER BY (observed_at DESC)",
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + WEATHER_WINDOWS + " ("
                        + "city_id bigint, window_start timestamp, window_end timestamp, city text, readings bigint, "
                        + "min_temp_c double, max_temp_c double, avg_temp_c double, max_wind_kmh double, top_condition text, "
                        + "PRIMARY KEY ((city_id), window_start)) WITH CLUSTERING ORDER BY (window_start DESC)",
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + WEATHER_LATEST + " ("
                        + "city_id bigint PRIMARY KEY, city text, country text, windspeed double, observed_at timestamp, "
                        + "local_time text, temp_c double, feels_like_c double, wind_kmh double, beaufort_name text, "
                        + "compass text, condition text)");
    }

    /** Which output version (keyspace) readers use: one row per name, set by {@code bin/kappa promote}. */
    public static final String META_KEYSPACE = "kappa_meta";
    public static final String SERVING = "serving";

    public static List<String> metaStatements(int replicationFactor) {
        return List.of("CREATE KEYSPACE IF NOT EXISTS " + META_KEYSPACE + " WITH replication = "
                        + "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}",
                "CREATE TABLE IF NOT EXISTS " + META_KEYSPACE + "." + SERVING
                        + " (name text PRIMARY KEY, keyspace_name text, promoted_at timestamp)");
    }

    /** Creates what is missing. Throws IllegalStateException with one clear line when Cassandra is unreachable. */
    public static void create(CassandraSettings settings) {
        try (CassandraConnection c = CassandraConnection.open(settings)) {
            for (String cql : metaStatements(settings.replicationFactor())) {
                c.session().execute(cql);
            }
            for (String cql : statements(settings.keyspace(), settings.replicationFactor())) {
                c.session().execute(cql);
            }
        }
    }
}
