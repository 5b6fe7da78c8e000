package io.kappa.weather;

import java.io.Serializable;

/**
 * Reference data of a city: its OpenWeather (GeoNames) id, name, ISO country, position, IANA time zone and
 * population (0 when unknown).
 */
public record City(long id, String name, String country, double lat, double lon, String timeZone, long population)
        implements Serializable {

    /** A city whose population is not known (0). */
    public City(long id, String name, String country, double lat, double lon, String timeZone) {
        this(id, name, country, lat, lon, timeZone, 0);
    }
}
