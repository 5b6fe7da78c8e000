package io.kappa.client.generate;

import io.kappa.weather.City;
import io.kappa.weather.CityDirectory;
import java.util.ArrayList;
import java.util.List;

/** The bundled cities as users name them (by id or by name), and the simulator's sample of them. */
public final class Cities {
    /** The simulator's cities: {@code CityDirectory.featured(400)}, the three largest of every country then the largest. */
    public static final int FEATURED = 400;

    private Cities() {}

    /** A city id, given as its id or the name of a bundled city (of several of that name, the most populous). */
    public static long cityId(String idOrName) {
        return CityDirectory.bundled().find(idOrName).map(City::id)
                .orElseThrow(() -> new IllegalArgumentException("no bundled city '" + idOrName + "': give its id"));
    }

    /** The featured cities, sorted by id. */
    public static List<City> featured() {
        return CityDirectory.bundled().featured(FEATURED);
    }

    /** The cities of {@code cityIds}, else the first {@code n} (all if 0) of the featured ones, by id. */
    public static List<City> choose(CityDirectory directory, List<Long> cityIds, int n) {
        List<City> chosen = new ArrayList<>();
        if (cityIds != null && !cityIds.isEmpty()) {
            for (long id : cityIds) {
                chosen.add(directory.find(id).orElseThrow(() -> new IllegalArgumentException(
                        "--city-ids: " + id + " is not a bundled city (the bundled list has every GeoNames city"
                                + " of at least 15,000 inhabitants: docs/weather.md)")));
            }
        } else {
            List<City> featured = directory.featured(FEATURED); // sorted by id
            chosen.addAll(n > 0 && n < featured.size() ? featured.subList(0, n) : featured);
        }
        return chosen;
    }
}
