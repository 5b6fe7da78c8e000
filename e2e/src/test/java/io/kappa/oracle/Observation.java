package io.kappa.oracle;

/**
 * A row of {@code weather_observations_by_city (city_id bigint, observed_at timestamp, city text, country text,
 * local_time text, temp_c double, temp_f double, feels_like_c double, humidity int, pressure int, wind_ms double,
 * wind_kmh double, wind_deg int, beaufort int, beaufort_name text, compass text, condition text, description
 * text)}, in that column order, plus {@code writeTime}: the Cassandra write timestamp of the row in microseconds,
 * {@code dt · 10^6 + (k mod 10^6)} (rule 4). {@code observedAt} is {@code dt · 1000}.
 *
 * <p>Doubles compare as {@link Double#compare} does (a record's equality), so 0.0 and −0.0 differ.
 */
public record Observation(long cityId, long observedAt, String city, String country, String localTime,
                          double tempC, double tempF, double feelsLikeC, int humidity, int pressure,
                          double windMs, double windKmh, int windDeg, int beaufort, String beaufortName,
                          String compass, String condition, String description, long writeTime) {

    public ObservationKey key() {
        return new ObservationKey(cityId, observedAt);
    }

    /** The same reading as a row of {@code weather_latest_by_city}. */
    public LatestRow toLatestRow() {
        return new LatestRow(cityId, city, country, windMs, observedAt, localTime, tempC, feelsLikeC, windKmh,
                beaufortName, compass, condition, writeTime);
    }
}
