package io.kappa.weather;

import io.kappa.core.PartitionClock;
import java.util.Objects;

/**
 * One weather reading, parsed from OpenWeather's "current weather" JSON, validated and enriched with the
 * city's reference data and the derived quantities. A POJO (public fields) so Flink serialises it without
 * Kryo. Temperatures in °C, wind in km/h (plus the source's m/s for the course's {@code windspeed}).
 */
public class Observation {
    // identity and time
    public long cityId;
    /** Event time: the document's {@code dt}, epoch milliseconds. */
    public long observedAt;
    // reference data
    public String city;
    public String country;
    public double lat;
    public double lon;
    public String timeZone;
    /** Observation time in the city's time zone, ISO-8601 with offset. */
    public String localTime;
    // measurements, converted
    public double tempC;
    public double tempF;
    public double feelsLikeC;
    public int humidity;
    public int pressure;
    public double windMs;
    public double windKmh;
    public int windDeg;
    public int beaufort;
    public String beaufortName;
    public String compass;
    public String condition;
    public String description;
    // the tie-break and the source (docs/semantics.md, rules 3 and 4)
    /** The reading key: the tie-break between readings of the city with the same {@code dt}. */
    public long key;
    /** The Cassandra write timestamp of rows that hold this reading, microseconds. */
    public long writeTime;
    public String topic;
    public int partition;
    public long offset;
    /** The partition watermark at which the reading was too late for its window, or {@link PartitionClock#NONE}. */
    public long tooLateAt = PartitionClock.NONE;
    /** Why it is in the late topic: {@code too late}, or {@link io.kappa.words.LateWord#CLOSED_REASON}. */
    public String lateReason;

    public Observation() {}

    /** Not a bean getter ({@code isTooLate}): the late topic's JSON holds the fields the contract lists, no more. */
    public boolean tooLate() {
        return tooLateAt != PartitionClock.NONE;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Observation)) return false;
        Observation x = (Observation) o;
        return cityId == x.cityId && observedAt == x.observedAt && Double.compare(tempC, x.tempC) == 0
                && Double.compare(windMs, x.windMs) == 0 && humidity == x.humidity && Objects.equals(condition, x.condition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cityId, observedAt);
    }

    @Override
    public String toString() {
        return "Observation{" + city + " (" + cityId + ") @" + observedAt + ": " + tempC + " °C, " + windKmh + " km/h "
                + compass + ", " + condition + "}";
    }
}
