package io.kappa.oracle;

/**
 * A row of {@code weather_windows_by_city (city_id bigint, window_start timestamp, window_end timestamp, city text,
 * readings bigint, min_temp_c double, max_temp_c double, avg_temp_c double, max_wind_kmh double,
 * top_condition text)}, in that column order (rule 4, window summaries). Times in epoch milliseconds.
 */
public record WindowSummary(long cityId, long windowStart, long windowEnd, String city, long readings,
                            double minTempC, double maxTempC, double avgTempC, double maxWindKmh,
                            String topCondition) {
    public WindowKey key() {
        return new WindowKey(cityId, windowStart);
    }
}
