package io.kappa.weather;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnrichWeatherTest {
    private static final City LONDON = new City(2643743, "London", "GB", 51.50853, -0.12574, "Europe/London");
    private static final City SYDNEY = new City(2147714, "Sydney", "AU", -33.86785, 151.20732, "Australia/Sydney");

    private static Reading reading(City city, long dt, double tempK, int humidity, double windMs, int deg) {
        Reading r = new Reading();
        r.city = city.name();
        r.country = city.country();
        r.lat = city.lat();
        r.lon = city.lon();
        r.timeZone = city.timeZone();
        long cityId = city.id();
        r.cityId = cityId;
        r.dt = dt;
        r.tempK = tempK;
        r.humidity = humidity;
        r.pressure = 1012;
        r.windMs = windMs;
        r.windDeg = deg;
        r.condition = "Clear";
        r.description = "clear sky";
        return r;
    }

    @Test
    void aColdWindyLondonMorning() {
        // 2026-01-15T08:00:00Z, -5 °C, 10 m/s from the north-east
        Observation o = EnrichWeather.enrich(reading(LONDON, 1_768_464_000L, 268.15, 80, 10.0, 45));
        assertThat(o.city).isEqualTo("London");
        assertThat(o.country).isEqualTo("GB");
        assertThat(o.observedAt).isEqualTo(1_768_464_000_000L);
        assertThat(o.tempC).isEqualTo(-5.0);
        assertThat(o.tempF).isEqualTo(23.0);
        assertThat(o.windKmh).isEqualTo(36.0);
        assertThat(o.feelsLikeC).isEqualTo(-13.7); // wind chill at -5 °C, 36 km/h (Environment Canada table: -14 at 35 km/h)
        assertThat(o.beaufort).isEqualTo(5);
        assertThat(o.beaufortName).isEqualTo("Fresh breeze");
        assertThat(o.compass).isEqualTo("NE");
        assertThat(o.localTime).isEqualTo("2026-01-15T08:00Z"); // GMT in winter
    }

    @Test
    void aHotHumidSydneyAfternoon() {
        // 2026-01-15T04:00:00Z = 15:00 local (AEDT, +11:00); 32 °C, 60 %, light wind from the south-south-west
        Observation o = EnrichWeather.enrich(reading(SYDNEY, 1_768_449_600L, 305.15, 60, 2.0, 200));
        assertThat(o.tempC).isEqualTo(32.0);
        assertThat(o.tempF).isEqualTo(89.6);
        assertThat(o.feelsLikeC).isEqualTo(37.1); // heat index 98.7 °F at 89.6 °F/60 % (NWS table: 100 °F at 90 °F/60 %)
        assertThat(o.beaufortName).isEqualTo("Light breeze");
        assertThat(o.compass).isEqualTo("SSW");
        assertThat(o.localTime).isEqualTo("2026-01-15T15:00+11:00");
    }
}
