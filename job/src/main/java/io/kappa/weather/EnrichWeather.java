package io.kappa.weather;

import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Joins a reading with its city's reference data and derives °C and °F, feels-like (heat index or wind chill
 * where they apply), wind in km/h, Beaufort force and name, the 16-point compass direction and the local time.
 */
public class EnrichWeather extends RichMapFunction<Reading, Observation> {
    private static final long serialVersionUID = 1L;
    private final CityDirectory cities;

    public EnrichWeather(CityDirectory cities) {
        this.cities = cities;
    }

    @Override
    public Observation map(Reading r) {
        return enrich(r, cities.find(r.cityId).orElseThrow(
                () -> new IllegalStateException("city " + r.cityId + " passed validation but is not in the directory")));
    }

    public static Observation enrich(Reading r, City city) {
        Observation o = new Observation();
        o.cityId = r.cityId;
        o.observedAt = r.dt * 1000;
        o.city = city.name();
        o.country = city.country();
        o.lat = city.lat();
        o.lon = city.lon();
        o.timeZone = city.timeZone();
        o.localTime = Instant.ofEpochSecond(r.dt).atZone(ZoneId.of(city.timeZone())).toOffsetDateTime().toString();
        double c = WeatherMath.kelvinToCelsius(r.tempK);
        o.tempC = WeatherMath.round1(c);
        o.tempF = WeatherMath.round1(WeatherMath.celsiusToFahrenheit(c));
        o.windMs = r.windMs;
        double kmh = WeatherMath.metresPerSecondToKmh(r.windMs);
        o.windKmh = WeatherMath.round1(kmh);
        o.feelsLikeC = WeatherMath.round1(WeatherMath.feelsLikeCelsius(c, r.humidity, kmh));
        o.humidity = r.humidity;
        o.pressure = r.pressure;
        o.windDeg = r.windDeg;
        o.beaufort = WeatherMath.beaufort(r.windMs);
        o.beaufortName = WeatherMath.beaufortName(o.beaufort);
        o.compass = WeatherMath.compass(r.windDeg);
        o.condition = r.condition;
        o.description = r.description;
        return o;
    }
}
