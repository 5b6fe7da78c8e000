package io.kappa.client.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kappa.weather.City;
import io.kappa.weather.CityDirectory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which bundled cities the weather commands use: the simulator's featured 400, the course's ids, names. */
class WeatherCitiesTest {
    private static final CityDirectory CITIES = CityDirectory.bundled();

    @Test
    void theSimulatorUsesTheFeatured400AndTheFirstNOfThemById() {
        List<City> all = Cities.choose(CITIES, null, 0);
        assertThat(all).hasSize(400).isEqualTo(CITIES.featured(400));
        assertThat(all).extracting(City::id).isSorted();
        assertThat(Cities.choose(CITIES, List.of(), 20)).isEqualTo(all.subList(0, 20));
        assertThat(Cities.choose(CITIES, null, 1000)).isEqualTo(all);
        assertThat(CITIES.size()).isGreaterThan(20_000);
    }

    @Test
    void theCoursesProducerCitiesCanBeAskedFor() {
        List<City> course = Cities.choose(CITIES, List.of(4887398L, 4164138L, 5391959L), 0);
        assertThat(course).extracting(City::name).containsExactly("Chicago", "Miami", "San Francisco");
        assertThat(course).extracting(City::country).containsOnly("US");
        assertThatThrownBy(() -> Cities.choose(CITIES, List.of(1L), 0))
                .hasMessageStartingWith("--city-ids: 1 is not a bundled city");
    }

    @Test
    void aCityNameMeansItsMostPopulousCity() {
        assertThat(Cities.cityId("London")).isEqualTo(2643743);
        assertThat(Cities.cityId("san francisco")).isEqualTo(5391959);
        assertThat(Cities.cityId("Miami")).isEqualTo(4164138);
        assertThat(Cities.cityId("4164138")).isEqualTo(4164138);
        // the names DashboardIT simulates
        assertThat(List.of("London", "Paris", "Tokyo", "Sydney")).map(io.kappa.client.generate.Cities::cityId)
                .containsExactly(2643743L, 2988507L, 1850147L, 2147714L);
        assertThatThrownBy(() -> Cities.cityId("Xanadu-on-Sea")).hasMessageContaining("no bundled city");
    }
}
