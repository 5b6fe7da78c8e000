package io.kappa.client.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kappa.weather.City;
import io.kappa.weather.CityDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeatherSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CityDirectory CITIES = CityDirectory.bundled();
    private static final City LONDON = CITIES.find(2643743).orElseThrow();
    private static final City SYDNEY = CITIES.find(2147714).orElseThrow();

    private static WeatherSimulator sim(List<City> cities, String start, Duration span, double malformed,
                                        double duplicates, double outOfOrder) {
        return new WeatherSimulator(new WeatherSimulator.Spec(cities, Instant.parse(start).toEpochMilli(), span,
                Duration.ofMinutes(10), 42, malformed, duplicates, outOfOrder));
    }

    private static double tempC(WeatherSimulator s, City c, String at) {
        return s.document(c, Instant.parse(at).getEpochSecond()).path("main").path("temp").asDouble() - 273.15;
    }

    @Test
    void temperatureFollowsTheDayAndTheSeasonOfEachHemisphere() {
        WeatherSimulator s = sim(List.of(LONDON), "2026-01-01T00:00:00Z", Duration.ofDays(1), 0, 0, 0);
        // London: afternoon warmer than the early morning, July warmer than January
        assertThat(tempC(s, LONDON, "2026-01-15T15:00:00Z")).isGreaterThan(tempC(s, LONDON, "2026-01-15T03:00:00Z") + 4);
        assertThat(tempC(s, LONDON, "2026-07-15T12:00:00Z")).isGreaterThan(tempC(s, LONDON, "2026-01-15T12:00:00Z") + 10);
        // Sydney: the other way round
        assertThat(tempC(s, SYDNEY, "2026-01-15T02:00:00Z")).isGreaterThan(tempC(s, SYDNEY, "2026-07-15T02:00:00Z") + 5);
        assertThat(tempC(s, LONDON, "2026-01-15T12:00:00Z")).isBetween(-10.0, 15.0);
    }

    @Test
    void reproducibleForASeedAndOneReadingPerCityPerInterval() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        WeatherSimulator s1 = sim(List.of(LONDON, SYDNEY), "2026-03-01T00:00:00Z", Duration.ofHours(2), 0, 0, 0);
        WeatherSimulator s2 = sim(List.of(LONDON, SYDNEY), "2026-03-01T00:00:00Z", Duration.ofHours(2), 0, 0, 0);
        assertThat(s1.readings()).isEqualTo(24);
        while (s1.hasNext()) {
            a.add(s1.next().json());
            b.add(s2.next().json());
        }
        assertThat(a).hasSize(24).isEqualTo(b);
    }

    @Test
    void documentsHaveTheOpenWeatherShape() throws Exception {
        JsonNode d = JSON.readTree(sim(List.of(LONDON), "2026-03-01T00:00:00Z", Duration.ofHours(1), 0, 0, 0).next().json());
        for (String field : List.of("coord", "weather", "base", "main", "visibility", "wind", "clouds", "dt", "sys",
                "timezone", "id", "name", "cod")) {
            assertThat(d.has(field)).as(field).isTrue();
        }
        for (String field : List.of("temp", "feels_like", "pressure", "humidity", "temp_min", "temp_max")) {
            assertThat(d.path("main").has(field)).as("main." + field).isTrue();
        }
        assertThat(d.path("id").asLong()).isEqualTo(2643743);
        assertThat(d.path("sys").path("country").asText()).isEqualTo("GB");
    }

    @Test
    void malformedDuplicateAndOutOfOrderRecordsInTheAskedProportions() {
        WeatherSimulator s = sim(CITIES.featured(400).subList(0, 50), "2026-03-01T00:00:00Z", Duration.ofHours(10),
                0.1, 0.05, 0.05);
        int valid = 0;
        int malformed = 0;
        int outOfOrder = 0;
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        java.util.Map<Long, Long> lastDt = new java.util.HashMap<>();
        while (s.hasNext()) {
            WeatherSimulator.Doc d = s.next();
            if (!d.valid()) {
                malformed++;
                continue;
            }
            valid++;
            if (!seen.add(d.json())) {
                duplicates++;
            }
            Long last = lastDt.put(d.cityId(), Math.max(d.dt(), lastDt.getOrDefault(d.cityId(), 0L)));
            if (last != null && d.dt() < last) {
                outOfOrder++;
            }
        }
        assertThat(valid - duplicates).isEqualTo(50 * 60); // every reading arrives, some twice
        assertThat(malformed).isBetween(200, 400);
        assertThat(duplicates).isBetween(80, 220);
        assertThat(outOfOrder).isBetween(80, 220);
    }
}
