package io.kappa.oracle;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Rule 4, "Enrichment", written from semantics.md: every quantity in IEEE 754 double arithmetic, evaluated as the
 * contract writes it (Java evaluates {@code a · b · c} as {@code (a · b) · c} and sums left to right, as written).
 * K the temperature in kelvin, H the humidity, U the wind in m/s, D its direction in degrees.
 */
final class Enrichment {
    private Enrichment() {}

    /** Lower bounds of Beaufort forces 1..12, in m/s. */
    private static final double[] BEAUFORT_BOUNDS = {0.5, 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2, 20.8, 24.5, 28.5, 32.7};
    private static final String[] BEAUFORT_NAMES = {"Calm", "Light air", "Light breeze", "Gentle breeze",
        "Moderate breeze", "Fresh breeze", "Strong breeze", "Near gale", "Gale", "Strong gale", "Storm", "Violent storm",
        "Hurricane force"};
    private static final String[] POINTS = {"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW",
        "W", "WNW", "NW", "NNW"};

    /** {@code round1(x) = Math.round(x · 10) / 10}: the nearest long (halves up), divided as a double. */
    static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }

    /** {@code c = K − 273.15}. */
    static double c(double kelvin) {
        return kelvin - 273.15;
    }

    /** {@code c · 9 / 5 + 32}: multiply, then divide, then add (°F; also the heat index's t). */
    static double fahrenheit(double c) {
        return c * 9 / 5 + 32;
    }

    /** {@code v = U · 3.6} (km/h). */
    static double v(double windMs) {
        return windMs * 3.6;
    }

    /**
     * f: the heat index where it applies ({@code t ≥ 80}), else the wind chill where it applies ({@code c ≤ 10} and
     * {@code v > 4.8}), else c.
     */
    static double feelsLike(double c, double h, double v) {
        double t = fahrenheit(c);
        if (t >= 80) {
            double hi = -42.379 + 2.04901523 * t + 10.14333127 * h - 0.22475541 * t * h - 0.00683783 * t * t
                    - 0.05481717 * h * h + 0.00122874 * t * t * h + 0.00085282 * t * h * h - 0.00000199 * t * t * h * h;
            if (h < 13 && t <= 112) {
                hi = hi - ((13 - h) / 4) * Math.sqrt((17 - Math.abs(t - 95)) / 17);
            } else if (h > 85 && t <= 87) {
                hi = hi + ((h - 85) / 10) * ((87 - t) / 5);
            }
            return (hi - 32) * 5 / 9;
        }
        if (c <= 10 && v > 4.8) {
            double p = Math.pow(v, 0.16);
            return 13.12 + 0.6215 * c - 11.37 * p + 0.3965 * c * p;
        }
        return c;
    }

    /** How many of the bounds 0.5, 1.6, …, 32.7 are ≤ U (0..12). */
    static int beaufort(double windMs) {
        int n = 0;
        for (double bound : BEAUFORT_BOUNDS) {
            if (bound <= windMs) {
                n++;
            }
        }
        return n;
    }

    static String beaufortName(int force) {
        return BEAUFORT_NAMES[force];
    }

    /** {@code d = ((D mod 360) + 360) mod 360}; point {@code floor((d + 11.25) / 22.5) mod 16}. */
    static String compass(double degrees) {
        double d = ((degrees % 360) + 360) % 360;
        return POINTS[(int) (Math.floor((d + 11.25) / 22.5) % 16)];
    }

    /** The instant dt in the zone, as {@code OffsetDateTime.toString} prints it. */
    static String localTime(long dt, String zone) {
        return Instant.ofEpochSecond(dt).atZone(ZoneId.of(zone)).toOffsetDateTime().toString();
    }

    /** The enriched observation of a valid reading (its columns; {@code writeTime} is rule 4's, given). */
    static Observation observation(WeatherRules.ValidReading r, long writeTime) {
        City city = r.city();
        double c = c(r.tempK());
        double v = v(r.windMs());
        int beaufort = beaufort(r.windMs());
        return new Observation(
                r.cityId(),
                r.dt() * 1000,
                city.name(),
                city.country(),
                localTime(r.dt(), city.timeZone()),
                round1(c),
                round1(fahrenheit(c)),
                round1(feelsLike(c, r.humidity(), v)),
                r.humidity(),
                r.pressure(),
                r.windMs(),
                round1(v),
                r.windDeg(),
                beaufort,
                beaufortName(beaufort),
                compass(r.windDeg()),
                r.condition(),
                r.description(),
                writeTime);
    }
}
