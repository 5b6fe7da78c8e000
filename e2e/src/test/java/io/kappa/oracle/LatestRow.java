package io.kappa.oracle;

/**
 * A row of {@code weather_latest_by_city (city_id bigint PRIMARY KEY, city text, country text, windspeed double,
 * observed_at timestamp, local_time text, temp_c double, feels_like_c double, wind_kmh double, beaufort_name text,
 * compass text, condition text)}, in that column order, plus {@code writeTime} (microseconds, rule 4).
 * {@code windspeed} is the wind in m/s. Made from an {@link Observation} by {@link Observation#toLatestRow()}.
 */
public record LatestRow(long cityId, String city, String country, double windspeed, long observedAt,
                        String localTime, double tempC, double feelsLikeC, double windKmh, String beaufortName,
                        String compass, String condition, long writeTime) {}
