package io.kappa.oracle;

/** The primary key of a row of {@code weather_windows_by_city}: {@code (city_id, window_start)}, milliseconds. */
public record WindowKey(long cityId, long windowStart) {}
