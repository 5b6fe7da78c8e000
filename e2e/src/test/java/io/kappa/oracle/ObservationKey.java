package io.kappa.oracle;

/** The primary key of a row of {@code weather_observations_by_city}: {@code (city_id, observed_at)}, milliseconds. */
public record ObservationKey(long cityId, long observedAt) {}
