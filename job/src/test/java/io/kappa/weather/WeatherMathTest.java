package io.kappa.weather;

import static io.kappa.weather.WeatherMath.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-checked values: NWS heat index table, Environment Canada wind chill table, WMO Beaufort scale. */
class WeatherMathTest {

    @Test
    void unitConversions() {
        assertThat(kelvinToCelsius(273.15)).isEqualTo(0.0);
        assertThat(kelvinToCelsius(300.15)).isCloseTo(27.0, within(1e-9));
        assertThat(celsiusToFahrenheit(100)).isEqualTo(212.0);
        assertThat(celsiusToFahrenheit(-40)).isEqualTo(-40.0);
        assertThat(metresPerSecondToKmh(10)).isCloseTo(36.0, within(1e-9));
    }

    @Test
    void heatIndexMatchesTheNwsTable() {
        // NWS table: 90 °F at 50 % RH feels like 95 °F; 100 °F at 40 % feels like 109 °F; 86 °F at 90 % -> 105 °F
        assertThat(celsiusToFahrenheit(heatIndexCelsius(fahrenheitToCelsius(90), 50))).isCloseTo(95, within(1.0));
        assertThat(celsiusToFahrenheit(heatIndexCelsius(fahrenheitToCelsius(100), 40))).isCloseTo(109, within(1.0));
        assertThat(celsiusToFahrenheit(heatIndexCelsius(fahrenheitToCelsius(86), 90))).isCloseTo(105, within(1.5));
        assertThat(heatIndexCelsius(25, 90)).isNaN(); // below 80 °F it does not apply
    }

    @Test
    void windChillMatchesTheEnvironmentCanadaTable() {
        // table: -10 °C at 20 km/h: -18; -20 °C at 40 km/h: -34; 0 °C at 10 km/h: -3
        assertThat(windChillCelsius(-10, 20)).isCloseTo(-17.9, within(0.1));
        assertThat(windChillCelsius(-20, 40)).isCloseTo(-34.1, within(0.1));
        assertThat(windChillCelsius(0, 10)).isCloseTo(-3.3, within(0.1));
        assertThat(windChillCelsius(11, 30)).isNaN();
        assertThat(windChillCelsius(-5, 4.8)).isNaN();
    }

    @Test
    void feelsLikePicksWhatApplies() {
        assertThat(feelsLikeCelsius(32.2, 50, 10)).isCloseTo(heatIndexCelsius(32.2, 50), within(1e-9));
        assertThat(feelsLikeCelsius(-10, 50, 20)).isCloseTo(windChillCelsius(-10, 20), within(1e-9));
        assertThat(feelsLikeCelsius(18, 50, 20)).isEqualTo(18.0);
    }

    @ParameterizedTest(name = "{0} m/s is force {1}")
    @CsvSource({"0,0", "0.49,0", "0.5,1", "1.59,1", "1.6,2", "3.39,2", "3.4,3", "5.49,3", "5.5,4", "7.99,4", "8.0,5",
        "10.79,5", "10.8,6", "13.89,6", "13.9,7", "17.19,7", "17.2,8", "20.79,8", "20.8,9", "24.49,9", "24.5,10",
        "28.49,10", "28.5,11", "32.69,11", "32.7,12", "60,12"})
    void beaufortBoundaries(double ms, int force) {
        assertThat(beaufort(ms)).isEqualTo(force);
    }

    @Test
    void beaufortNames() {
        assertThat(beaufortName(0)).isEqualTo("Calm");
        assertThat(beaufortName(4)).isEqualTo("Moderate breeze");
        assertThat(beaufortName(8)).isEqualTo("Gale");
        assertThat(beaufortName(12)).isEqualTo("Hurricane force");
    }

    @ParameterizedTest(name = "{0}° is {1}")
    @CsvSource({"0,N", "11.24,N", "11.25,NNE", "22.5,NNE", "45,NE", "67.5,ENE", "90,E", "135,SE", "180,S", "202.5,SSW",
        "225,SW", "270,W", "315,NW", "337.5,NNW", "348.74,NNW", "348.75,N", "360,N", "-90,W"})
    void compassPoints(double degrees, String point) {
        assertThat(compass(degrees)).isEqualTo(point);
    }
}
