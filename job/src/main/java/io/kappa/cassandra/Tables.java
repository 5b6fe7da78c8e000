package io.kappa.cassandra;

import static io.kappa.cassandra.Table.Column.bigint;
import static io.kappa.cassandra.Table.Column.dbl;
import static io.kappa.cassandra.Table.Column.integer;
import static io.kappa.cassandra.Table.Column.text;
import static io.kappa.cassandra.Table.Column.timestamp;

import io.kappa.weather.CityWindowSummary;
import io.kappa.weather.Observation;
import io.kappa.words.WindowedWordCount;
import java.util.List;

/**
 * Every table of an output version (keyspace), and the serving table, each defined once. Every output table is keyed
 * so that writing the same result twice is an upsert: replays and restarts recompute rows, never add to them.
 */
public final class Tables {
    private Tables() {}

    /**
     * Word counts of a window, for "top N words of this window", and "a word over time", read by key over the newest
     * windows (the window starts are the partitions).
     */
    public static final Table<WindowedWordCount> WORD_COUNTS = new Table<>("word_counts_by_window", List.of(
            timestamp("window_start", (WindowedWordCount c) -> c.windowStart),
            text("word", (WindowedWordCount c) -> c.word),
            timestamp("window_end", (WindowedWordCount c) -> c.windowEnd),
            bigint("count", (WindowedWordCount c) -> c.count)),
            1, 2, null, null);

    /** A storage-attached index on word that older keyspaces of this project have; the schema drops it (writes pay for it, no read uses it). */
    public static final String WORD_INDEX = "word_counts_by_window_word";

    /**
     * Every enriched weather reading of a city, newest first. Written with the reading's write timestamp
     * (docs/semantics.md, rule 4), so two different readings with one dt resolve the same way in every run.
     */
    public static final Table<Observation> WEATHER_OBSERVATIONS = new Table<>("weather_observations_by_city", List.of(
            bigint("city_id", (Observation o) -> o.cityId),
            timestamp("observed_at", (Observation o) -> o.observedAt),
            text("city", (Observation o) -> o.city), text("country", (Observation o) -> o.country),
            text("local_time", (Observation o) -> o.localTime),
            dbl("temp_c", (Observation o) -> o.tempC), dbl("temp_f", (Observation o) -> o.tempF),
            dbl("feels_like_c", (Observation o) -> o.feelsLikeC),
            integer("humidity", (Observation o) -> o.humidity), integer("pressure", (Observation o) -> o.pressure),
            dbl("wind_ms", (Observation o) -> o.windMs), dbl("wind_kmh", (Observation o) -> o.windKmh),
            integer("wind_deg", (Observation o) -> o.windDeg), integer("beaufort", (Observation o) -> o.beaufort),
            text("beaufort_name", (Observation o) -> o.beaufortName), text("compass", (Observation o) -> o.compass),
            text("condition", (Observation o) -> o.condition), text("description", (Observation o) -> o.description)),
            1, 2, "observed_at DESC", (Observation o) -> o.writeTime);

    /** Per-city window summaries, newest first. */
    public static final Table<CityWindowSummary> WEATHER_WINDOWS = new Table<>("weather_windows_by_city", List.of(
            bigint("city_id", (CityWindowSummary s) -> s.cityId),
            timestamp("window_start", (CityWindowSummary s) -> s.windowStart),
            timestamp("window_end", (CityWindowSummary s) -> s.windowEnd),
            text("city", (CityWindowSummary s) -> s.city), bigint("readings", (CityWindowSummary s) -> s.readings),
            dbl("min_temp_c", (CityWindowSummary s) -> s.minTempC), dbl("max_temp_c", (CityWindowSummary s) -> s.maxTempC),
            dbl("avg_temp_c", (CityWindowSummary s) -> s.avgTempC),
            dbl("max_wind_kmh", (CityWindowSummary s) -> s.maxWindKmh),
            text("top_condition", (CityWindowSummary s) -> s.topCondition)),
            1, 2, "window_start DESC", null);

    /**
     * The newest reading per city: the course's weather(city, country, windspeed), done right. Written with the
     * reading's write timestamp (dt·10^6 + its tie-break), so an older reading never wins, even in a replay.
     */
    public static final Table<Observation> WEATHER_LATEST = new Table<>("weather_latest_by_city", List.of(
            bigint("city_id", (Observation o) -> o.cityId),
            text("city", (Observation o) -> o.city), text("country", (Observation o) -> o.country),
            dbl("windspeed", (Observation o) -> o.windMs), timestamp("observed_at", (Observation o) -> o.observedAt),
            text("local_time", (Observation o) -> o.localTime), dbl("temp_c", (Observation o) -> o.tempC),
            dbl("feels_like_c", (Observation o) -> o.feelsLikeC), dbl("wind_kmh", (Observation o) -> o.windKmh),
            text("beaufort_name", (Observation o) -> o.beaufortName), text("compass", (Observation o) -> o.compass),
            text("condition", (Observation o) -> o.condition)),
            1, 1, null, (Observation o) -> o.writeTime);

    /** The tables of one output version. */
    public static final List<Table<?>> OUTPUT = List.of(WORD_COUNTS, WEATHER_OBSERVATIONS, WEATHER_WINDOWS, WEATHER_LATEST);

    /** Which output version readers use: one row per name, set by {@code bin/kappa promote}. */
    public static final String META_KEYSPACE = "kappa_meta";

    public static final Table<Void> SERVING = new Table<>("serving", List.of(
            Table.Column.<Void>text("name", null), Table.Column.<Void>text("keyspace_name", null),
            Table.Column.<Void>timestamp("promoted_at", null)), 1, 1, null, null);

    /**
     * The output versions started by {@code bin/kappa version start}: how each runs (its job's arguments, its jar, its
     * consumer group and input topics), its job, and when it was retired.
     */
    public static final Table<Void> VERSIONS = new Table<>("versions", List.of(
            Table.Column.<Void>text("name", null), Table.Column.<Void>text("group_id", null),
            Table.Column.<Void>text("words_topic", null), Table.Column.<Void>text("weather_topic", null),
            Table.Column.<Void>bigint("allowed_lateness_ms", null), Table.Column.<Void>text("job_args", null),
            Table.Column.<Void>text("jar", null), Table.Column.<Void>text("job_id", null),
            Table.Column.<Void>timestamp("started_at", null), Table.Column.<Void>timestamp("retired_at", null),
            Table.Column.<Void>text("savepoint", null)), 1, 1, null, null);
}
