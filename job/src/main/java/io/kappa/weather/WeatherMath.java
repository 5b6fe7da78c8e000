package io.kappa.weather;

/**
 * The derived weather quantities, as pure functions. Formulas:
 * <ul>
 *   <li>heat index: the US National Weather Service's Rothfusz regression with its two adjustments, used at
 *       80 °F (26.7 °C) and above;</li>
 *   <li>wind chill: the 2001 North American formula (Environment Canada / NWS), used at 10 °C and below with
 *       wind above 4.8 km/h;</li>
 *   <li>Beaufort force: the WMO scale in m/s (lower bounds of force 1..12: 0.5, 1.6, 3.4, 5.5, 8.0, 10.8,
 *       13.9, 17.2, 20.8, 24.5, 28.5, 32.7);</li>
 *   <li>compass: 16 points of 22.5°, each centred on its direction (N is 348.75°–11.25°).</li>
 * </ul>
 */
public final class WeatherMath {
    private WeatherMath() {}

    private static final double[] BEAUFORT_LOWER_BOUNDS = {0.5, 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2, 20.8, 24.5, 28.5, 32.7};
    private static final String[] BEAUFORT_NAMES = {"Calm", "Light air", "Light breeze", "Gentle breeze",
        "Moderate breeze", "Fresh breeze", "Strong breeze", "Near gale", "Gale", "Strong gale", "Storm",
        "Violent storm", "Hurricane force"};
    private static final String[] COMPASS = {"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW",
        "WSW", "W", "WNW", "NW", "NNW"};

    public static double kelvinToCelsius(double kelvin) {
        return kelvin - 273.15;
    }

    public static double celsiusToFahrenheit(double celsius) {
        return celsius * 9.0 / 5.0 + 32.0;
    }

    public static double fahrenheitToCelsius(double fahrenheit) {
        return (fahrenheit - 32.0) * 5.0 / 9.0;
    }

    public static double metresPerSecondToKmh(double ms) {
        return ms * 3.6;
    }

    /** Heat index in °C, or NaN below 26.7 °C where it does not apply. */
    public static double heatIndexCelsius(double celsius, double humidityPercent) {
        double t = celsiusToFahrenheit(celsius);
        if (t < 80.0) {
            return Double.NaN;
        }
        double r = humidityPercent;
        double hi = -42.379 + 2.04901523 * t + 10.14333127 * r - 0.22475541 * t * r - 0.00683783 * t * t
                - 0.05481717 * r * r + 0.00122874 * t * t * r + 0.00085282 * t * r * r - 0.00000199 * t * t * r * r;
        if (r < 13 && t <= 112) {
            hi -= ((13 - r) / 4) * Math.sqrt((17 - Math.abs(t - 95)) / 17);
        } else if (r > 85 && t <= 87) {
            hi += ((r - 85) / 10) * ((87 - t) / 5);
        }
        return fahrenheitToCelsius(hi);
    }

    /** Wind chill in °C, or NaN above 10 °C or at 4.8 km/h and less, where it does not apply. */
    public static double windChillCelsius(double celsius, double windKmh) {
        if (celsius > 10.0 || windKmh <= 4.8) {
            return Double.NaN;
        }
        double v = Math.pow(windKmh, 0.16);
        return 13.12 + 0.6215 * celsius - 11.37 * v + 0.3965 * celsius * v;
    }

    /** Heat index where it applies, else wind chill where it applies, else the temperature itself. */
    public static double feelsLikeCelsius(double celsius, double humidityPercent, double windKmh) {
        double hi = heatIndexCelsius(celsius, humidityPercent);
        if (!Double.isNaN(hi)) {
            return hi;
        }
        double wc = windChillCelsius(celsius, windKmh);
        return Double.isNaN(wc) ? celsius : wc;
    }

    public static int beaufort(double windMs) {
        int force = 0;
        while (force < BEAUFORT_LOWER_BOUNDS.length && windMs >= BEAUFORT_LOWER_BOUNDS[force]) {
            force++;
        }
        return force;
    }

    public static String beaufortName(int force) {
        return BEAUFORT_NAMES[force];
    }

    /** The 16-point compass direction the wind comes from. */
    public static String compass(double degrees) {
        double d = ((degrees % 360) + 360) % 360;
        return COMPASS[(int) Math.floor((d + 11.25) / 22.5) % 16];
    }

    /** Rounds for storage and display (one decimal is what the source's precision supports). */
    public static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
