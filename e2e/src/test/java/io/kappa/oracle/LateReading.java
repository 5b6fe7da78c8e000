package io.kappa.oracle;

/**
 * A record of the topic {@code <keyspace>-weather-late} (rule 4, late weather): a valid reading that was too late
 * for its weather window, identified by its source position (rule 3), with the enriched observation exactly as
 * it is written to {@code weather_observations_by_city} when it wins its (city, dt) (its {@code writeTime} is the
 * reading's own, rule 4).
 */
public record LateReading(String topic, int partition, long offset, Observation observation) {}
