package io.kappa.weather;

import java.io.Serializable;

/** Reference data of a city: its OpenWeather (GeoNames) id, name, ISO country, position and IANA time zone. */
public record City(long id, String name, String country, double lat, double lon, String timeZone) implements Serializable {}
