package io.kappa.oracle;

import java.util.Objects;

/**
 * A city as the model knows it (rule 4, "City reference data" and check 5): from the reference data ({@link Cities}),
 * or described by a weather document itself. {@code timeZone} is an IANA zone id for the reference data, or the
 * fixed offset's id ({@code UTC-05:00}, {@code UTC}) for a city a document describes; {@code population} is 0 when
 * not known (it is never in any output).
 */
public record City(long id, String name, String country, double lat, double lon, String timeZone, long population) {
    public City {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(timeZone, "timeZone");
    }
}
