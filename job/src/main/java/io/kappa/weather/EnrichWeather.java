package io.kappa.weather;

import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Derives, from a reading and its city, °C and °F, feels-like (heat index or wind chill where they apply), wind in
 * km/h, Beaufort force and name, the 16-point compass direction and the local time; and the reading's tie-break key and
 * write timestamp ({@link ReadingKey}).
 */
public class EnrichWeather extends RichMapFunction<Reading, Observation> {
    private static final long serialVersionUID = 1L;

    @Override
    public Observation map(Reading r) {
        return enrich(r);
    }

    public static Observation enrich(Reading r) {
        Observation o = new Observation();
        o.cityId = r.cityId;
        o.observedAt = r.dt * 1000;
        o.city = r.city;
        o.country = r.country;
        o.lat = r.lat;
        o.lon = r.lon;
        o.timeZone = r.timeZone;
        o.localTime = Instant.ofEpochSecond(r.dt).atZone(ZoneId.of(r.timeZone)).toOffsetDateTime().toString();
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
        o.topic = r.topic;
        o.partition = r.partition;
        o.offset = r.offset;
        o.tooLateAt = r.tooLateAt;
        o.key = ReadingKey.of(o, r);
        o.writeTime = ReadingKey.writeTimeMicros(r.dt, o.key);
        return o;
    }
}
