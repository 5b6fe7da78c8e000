package io.kappa.weather;

import java.util.Objects;

/** One city's readings in one event-time window: the row upserted per (city, window). */
public class CityWindowSummary {
    public long cityId;
    public String city;
    public long windowStart;
    public long windowEnd;
    public long readings;
    public double minTempC;
    public double maxTempC;
    public double avgTempC;
    public double maxWindKmh;
    public String topCondition;

    public CityWindowSummary() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CityWindowSummary)) return false;
        CityWindowSummary s = (CityWindowSummary) o;
        return cityId == s.cityId && windowStart == s.windowStart && readings == s.readings
                && Double.compare(minTempC, s.minTempC) == 0 && Double.compare(maxTempC, s.maxTempC) == 0
                && Double.compare(avgTempC, s.avgTempC) == 0 && Double.compare(maxWindKmh, s.maxWindKmh) == 0
                && Objects.equals(topCondition, s.topCondition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cityId, windowStart, readings);
    }

    @Override
    public String toString() {
        return "CityWindowSummary{" + cityId + " @" + windowStart + ": n=" + readings + " min=" + minTempC + " max="
                + maxTempC + " avg=" + avgTempC + " wind=" + maxWindKmh + " " + topCondition + "}";
    }
}
