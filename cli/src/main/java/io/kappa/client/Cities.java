package io.kappa.client;

/** The bundled cities as users name them: by id or by name. */
public final class Cities {
    private Cities() {}

    /** A city id, given as its id or the name of a bundled city. */
    public static long cityId(String idOrName) {
        return io.kappa.weather.CityDirectory.bundled().find(idOrName).map(io.kappa.weather.City::id)
                .orElseThrow(() -> new IllegalArgumentException("no bundled city '" + idOrName + "': give its id"));
    }
}
