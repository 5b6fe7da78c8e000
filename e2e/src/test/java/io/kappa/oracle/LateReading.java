package io.kappa.oracle;

/**
 * A record of the topic {@code <keyspace>-weather-late} (rule 4, late weather): a valid reading that was too late
 * for its weather window, identified by its source position (rule 3). Its JSON holds the enriched observation exactly
 * as it is written to {@code weather_observations_by_city} when it wins its (city, dt) (its {@code writeTime} is the
 * reading's own, rule 4), and besides: the city's {@code lat}, {@code lon} and {@code timeZone}, the reading key
 * {@code key} (k as a signed 64-bit number), {@code tooLateAt} (the partition watermark W(r) it was too late at) and
 * {@code lateReason}; its Kafka key is the city id in decimal digits ({@code kafkaKey}).
 */
public record LateReading(String topic, int partition, long offset, Observation observation, double lat, double lon,
                          String timeZone, long readingKey, long tooLateAt, String lateReason, String kafkaKey) {
    public static final String TOO_LATE = "too late";
}
