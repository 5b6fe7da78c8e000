package io.kappa.oracle;

import static io.kappa.oracle.OracleFixtures.B;
import static io.kappa.oracle.OracleFixtures.LONDON;
import static io.kappa.oracle.OracleFixtures.defaults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule 4, "Enrichment". The expected values were worked out apart from this code (the contract's formulas evaluated
 * in the same IEEE double order in another language, Java's {@code Math.round} as {@code floor(x + 1/2)} in exact
 * decimal), and agree with the published tables: the NWS heat index (86 °F at 50 % feels like about 88 °F; 84 °F at
 * 90 % about 99 °F) and Environment Canada's wind chill (−10 °C in a 36 km/h wind feels like about −20 °C).
 */
class OracleEnrichmentTest {

    @Test
    void round1IsMathRoundOfTenTimesDividedByTen() {
        assertThat(Enrichment.round1(0.05)).isEqualTo(0.1);
        assertThat(Enrichment.round1(0.15)).isEqualTo(0.2);
        assertThat(Enrichment.round1(2.25)).isEqualTo(2.3);
        assertThat(Enrichment.round1(-2.25)).isEqualTo(-2.2);  // halves up, not away from zero
        assertThat(Enrichment.round1(-0.05)).isEqualTo(0.0);
        assertThat(Enrichment.round1(-0.04)).isEqualTo(0.0);   // Math.round gives the long 0: +0.0, never −0.0
        assertThat(Double.compare(Enrichment.round1(-0.04), 0.0)).isZero();
        assertThat(Enrichment.round1(19.999999999999977)).isEqualTo(20.0);
    }

    /** K, H, U → temp_c, temp_f, feels_like_c, wind_kmh. */
    static Stream<Arguments> temperatures() {
        return Stream.of(
                // neither heat index (t < 80) nor wind chill (c > 10)
                Arguments.of(293.15, 50, 5.0, 20.0, 68.0, 20.0, 18.0),
                Arguments.of(273.15, 50, 0.0, 0.0, 32.0, 0.0, 0.0),
                // t = 79.88 < 80: c itself; t = 80.06 ≥ 80: the heat index
                Arguments.of(299.75, 50, 1.0, 26.6, 79.9, 26.6, 3.6),
                Arguments.of(299.85, 50, 1.0, 26.7, 80.1, 27.1, 3.6),
                // heat index: plain; dry (H < 13, t ≤ 112) subtracts; humid (H > 85, t ≤ 87) adds; dry at t > 112 does not
                Arguments.of(303.15, 50, 1.0, 30.0, 86.0, 31.0, 3.6),
                Arguments.of(308.15, 10, 1.0, 35.0, 95.0, 31.9, 3.6),
                Arguments.of(302.15, 90, 1.0, 29.0, 84.2, 37.2, 3.6),
                Arguments.of(318.15, 10, 1.0, 45.0, 113.0, 42.1, 3.6),
                Arguments.of(310.15, 60, 2.0, 37.0, 98.6, 51.4, 7.2),
                // wind chill: c ≤ 10 (10 itself included) and v > 4.8 (v = 4.824 yes, 4.68 no)
                Arguments.of(263.15, 50, 10.0, -10.0, 14.0, -20.3, 36.0),
                Arguments.of(253.15, 40, 20.0, -20.0, -4.0, -37.6, 72.0),
                Arguments.of(283.15, 50, 1.34, 10.0, 50.0, 9.8, 4.8),
                Arguments.of(283.15, 50, 1.3, 10.0, 50.0, 10.0, 4.7));
    }

    @ParameterizedTest(name = "{0} K, {1} %, {2} m/s")
    @MethodSource("temperatures")
    void temperaturesFeelsLikeAndWind(double k, int h, double u, double tempC, double tempF, double feelsLike,
                                      double kmh) {
        double c = Enrichment.c(k);
        double v = Enrichment.v(u);
        assertThat(Enrichment.round1(c)).isEqualTo(tempC);
        assertThat(Enrichment.round1(Enrichment.fahrenheit(c))).isEqualTo(tempF);
        assertThat(Enrichment.round1(Enrichment.feelsLike(c, h, v))).isEqualTo(feelsLike);
        assertThat(Enrichment.round1(v)).isEqualTo(kmh);

        // and the same through a whole reading
        String doc = OracleWeatherJsonTest.LONDON_DOC.replace("\"temp\":293.15", "\"temp\":" + k)
                .replace("\"humidity\":50", "\"humidity\":" + h).replace("\"speed\":5.0", "\"speed\":" + u);
        Observation o = OracleFixtures.weather(defaults(), new Oracle.Input("weather", 0, 0, B * 1000, null,
                doc.getBytes(StandardCharsets.UTF_8))).observations().values().iterator().next();
        assertThat(o).extracting(Observation::tempC, Observation::tempF, Observation::feelsLikeC, Observation::windKmh,
                Observation::windMs).containsExactly(tempC, tempF, feelsLike, kmh, u);
    }

    @Test
    void beaufortCountsTheBoundsAtOrBelowTheWind() {
        assertThat(Stream.of(0.0, 0.49, 0.5, 1.59, 1.6, 5.5, 8.0, 32.69, 32.7, 150.0)
                .map(u -> tuple(Enrichment.beaufort(u), Enrichment.beaufortName(Enrichment.beaufort(u)))))
                .containsExactly(tuple(0, "Calm"), tuple(0, "Calm"), tuple(1, "Light air"), tuple(1, "Light air"),
                        tuple(2, "Light breeze"), tuple(4, "Moderate breeze"), tuple(5, "Fresh breeze"),
                        tuple(11, "Violent storm"), tuple(12, "Hurricane force"), tuple(12, "Hurricane force"));
        assertThat(Stream.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12).map(Enrichment::beaufortName)).containsExactly(
                "Calm", "Light air", "Light breeze", "Gentle breeze", "Moderate breeze", "Fresh breeze", "Strong breeze",
                "Near gale", "Gale", "Strong gale", "Storm", "Violent storm", "Hurricane force");
    }

    @Test
    void compassPointsAreCentredOnTheirDirection() {
        assertThat(Stream.of(0, 11, 12, 33, 34, 90, 180, 203, 270, 326, 327, 348, 349, 360)
                .map(Enrichment::compass))
                .containsExactly("N", "N", "NNE", "NNE", "NE", "E", "S", "SSW", "W", "NW", "NNW", "NNW", "N", "N");
    }

    @Test
    void localTimeAsOffsetDateTimePrintsIt() {
        assertThat(Enrichment.localTime(B, "Europe/London")).isEqualTo("2024-07-01T13:00+01:00");
        assertThat(Enrichment.localTime(B, "Asia/Tokyo")).isEqualTo("2024-07-01T21:00+09:00");
        assertThat(Enrichment.localTime(B, "Asia/Kolkata")).isEqualTo("2024-07-01T17:30+05:30");
        assertThat(Enrichment.localTime(B, "UTC")).isEqualTo("2024-07-01T12:00Z");
        assertThat(Enrichment.localTime(B + 5, "Europe/London")).isEqualTo("2024-07-01T13:00:05+01:00");
        assertThat(Enrichment.localTime(B + 86_400L * 180, "Europe/London")).isEqualTo("2024-12-28T12:00Z");
        assertThat(Enrichment.localTime(B, "UTC-05:00")).isEqualTo("2024-07-01T07:00-05:00");
    }

    @Test
    void aReadingsCityIsTheReferenceDatas() {
        Observation o = OracleFixtures.weather(defaults(), OracleFixtures.reading(0, 0, OracleFixtures.doc(LONDON, B, 293.15)))
                .observations().values().iterator().next();
        assertThat(o).extracting(Observation::city, Observation::country, Observation::localTime, Observation::compass,
                Observation::beaufort, Observation::beaufortName)
                .containsExactly("London", "GB", "2024-07-01T13:00+01:00", "E", 3, "Gentle breeze");
    }
}
