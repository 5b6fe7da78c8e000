package io.kappa.testing;

import io.kappa.core.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** OpenWeather "current weather" documents for tests. */
public final class WeatherDocs {
    private WeatherDocs() {}

    public static final long LONDON = 2643743;
    public static final long PARIS = 2988507;

    public static String json(long cityId, long dt, double tempK, int humidity, double windMs, int windDeg, String main) {
        return String.format(Locale.ROOT, "{\"coord\":{\"lon\":-0.1257,\"lat\":51.5085},"
                + "\"weather\":[{\"id\":800,\"main\":\"%s\",\"description\":\"%s sky\",\"icon\":\"01d\"}],"
                + "\"base\":\"stations\",\"main\":{\"temp\":%.2f,\"feels_like\":%.2f,\"temp_min\":%.2f,\"temp_max\":%.2f,"
                + "\"pressure\":1012,\"humidity\":%d},\"visibility\":10000,\"wind\":{\"speed\":%.2f,\"deg\":%d},"
                + "\"clouds\":{\"all\":0},\"dt\":%d,\"sys\":{\"country\":\"GB\",\"sunrise\":1,\"sunset\":2},"
                + "\"timezone\":0,\"id\":%d,\"name\":\"London\",\"cod\":200}",
                main, main.toLowerCase(Locale.ROOT), tempK, tempK, tempK - 1, tempK + 1, humidity, windMs, windDeg, dt, cityId);
    }

    /** A record sent at 2100-01-01 (no reading's dt is after it, so none is "ahead of its record"). */
    public static RawRecord record(long offset, String json) {
        return record(0, offset, 4_102_444_800_000L, json);
    }

    public static RawRecord record(int partition, long offset, long timestamp, String json) {
        return new RawRecord("weather", partition, offset, timestamp, null,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }
}
