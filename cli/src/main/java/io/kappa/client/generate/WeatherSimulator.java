package io.kappa.client.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kappa.weather.City;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Offline OpenWeather: a "current weather" document per city per interval across a time span. Temperature
 * follows a daily curve (coldest near 03:00, warmest near 15:00 local solar time) around a seasonal mean that
 * depends on latitude and hemisphere; humidity falls as it warms; wind, pressure and conditions are plausible.
 * Reproducible for a seed (each reading's noise depends only on seed, city and time). Optionally a fraction of
 * malformed, duplicated and out-of-order (delivered after the next round) records.
 */
public final class WeatherSimulator {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to simulate. */
    public record Spec(List<City> cities, long startMillis, Duration span, Duration interval, long seed,
                       double malformed, double duplicates, double outOfOrder) {}

    /** A record to produce: key = city id, value = the document, timestamp = its dt. */
    public record Doc(long cityId, long dt, String json, boolean valid) {}

    private final Spec spec;
    private final Random chance;
    private final ArrayDeque<Doc> ready = new ArrayDeque<>();
    private final List<Doc> delayed = new ArrayList<>();
    private long nextDt;
    private final long endDt;
    private int malformedKind;

    public WeatherSimulator(Spec spec) {
        if (spec.cities().isEmpty() || spec.interval().isZero() || spec.interval().isNegative()) {
            throw new IllegalArgumentException("the simulator needs at least one city and an --interval above zero");
        }
        this.spec = spec;
        this.chance = new Random(spec.seed());
        this.nextDt = spec.startMillis() / 1000;
        this.endDt = (spec.startMillis() + spec.span().toMillis()) / 1000;
    }

    /** How many valid readings the spec describes (rounds x cities). */
    public long readings() {
        long rounds = Math.max(0, (endDt - nextDt + spec.interval().toSeconds() - 1) / spec.interval().toSeconds());
        return rounds * spec.cities().size();
    }

    public boolean hasNext() {
        fill();
        return !ready.isEmpty();
    }

    public Doc next() {
        fill();
        return ready.poll();
    }

    private void fill() {
        while (ready.isEmpty() && (nextDt < endDt || !delayed.isEmpty())) {
            List<Doc> round = new ArrayList<>(delayed); // what was held back arrives after the next round's readings
            delayed.clear();
            List<Doc> fresh = new ArrayList<>();
            if (nextDt < endDt) {
                for (City c : spec.cities()) {
                    Doc d = new Doc(c.id(), nextDt, document(c, nextDt).toString(), true);
                    double roll = chance.nextDouble();
                    if (roll < spec.outOfOrder()) {
                        delayed.add(d);
                        continue;
                    }
                    fresh.add(d);
                    if (roll < spec.outOfOrder() + spec.duplicates()) {
                        fresh.add(d);
                    }
                    if (chance.nextDouble() < spec.malformed()) {
                        fresh.add(malformed(c, nextDt));
                    }
                }
                nextDt += spec.interval().toSeconds();
            }
            ready.addAll(fresh);
            ready.addAll(round);
        }
    }

    /** The reading of a city at a time, as OpenWeather would send it. */
    public ObjectNode document(City c, long dt) {
        Random noise = new Random(spec.seed() * 31 + c.id() * 1_000_003L + dt);
        ZonedDateTime utc = Instant.ofEpochSecond(dt).atZone(ZoneOffset.UTC);
        double absLat = Math.abs(c.lat());
        double annualMean = 28 - 0.42 * absLat;
        double seasonal = -Math.cos(2 * Math.PI * (utc.getDayOfYear() - 15) / 365.0) * (c.lat() >= 0 ? 1 : -1);
        double solarHour = utc.getHour() + utc.getMinute() / 60.0 + c.lon() / 15.0;
        double daily = -Math.cos(2 * Math.PI * (solarHour - 3) / 24.0);
        double tempC = annualMean + 0.3 * absLat * seasonal + 5 * daily + noise.nextGaussian();
        int humidity = (int) Math.max(15, Math.min(100, Math.round(75 - 2.5 * (tempC - annualMean) + 8 * noise.nextGaussian())));
        double wind = Math.round(Math.max(0, 3.5 + 2.5 * noise.nextGaussian()) * 100) / 100.0;
        int deg = noise.nextInt(360);
        String main = tempC < 0 && humidity > 85 ? "Snow" : humidity > 92 ? "Rain" : humidity > 85 ? "Mist"
                : humidity > 70 ? "Clouds" : "Clear";
        double tempK = Math.round((tempC + 273.15) * 100) / 100.0;

        ObjectNode d = JSON.createObjectNode();
        d.putObject("coord").put("lon", c.lon()).put("lat", c.lat());
        ObjectNode w = d.putArray("weather").addObject();
        w.put("id", switch (main) { case "Snow" -> 600; case "Rain" -> 500; case "Mist" -> 701; case "Clouds" -> 803; default -> 800; });
        w.put("main", main).put("description", switch (main) {
            case "Clouds" -> "broken clouds"; case "Clear" -> "clear sky"; case "Rain" -> "light rain";
            case "Snow" -> "light snow"; default -> "mist"; });
        w.put("icon", "01d");
        d.put("base", "stations");
        d.putObject("main").put("temp", tempK).put("feels_like", tempK).put("temp_min", Math.round((tempK - 1) * 100) / 100.0)
                .put("temp_max", Math.round((tempK + 1) * 100) / 100.0)
                .put("pressure", 1013 + (int) Math.round(6 * noise.nextGaussian())).put("humidity", humidity);
        d.put("visibility", main.equals("Mist") ? 3000 : 10000);
        d.putObject("wind").put("speed", wind).put("deg", deg).put("gust", Math.round(wind * 1.5 * 100) / 100.0);
        d.putObject("clouds").put("all", main.equals("Clear") ? 0 : 75);
        d.put("dt", dt);
        d.putObject("sys").put("country", c.country()).put("sunrise", dt - 6 * 3600).put("sunset", dt + 6 * 3600);
        d.put("timezone", java.time.ZoneId.of(c.timeZone()).getRules().getOffset(Instant.ofEpochSecond(dt)).getTotalSeconds());
        d.put("id", c.id());
        d.put("name", c.name());
        d.put("cod", 200);
        return d;
    }

    private Doc malformed(City c, long dt) {
        ObjectNode d = document(c, dt);
        String json;
        switch (malformedKind++ % 6) {
            case 0 -> json = d.toString().substring(0, d.toString().length() / 2); // cut short
            case 1 -> {
                ((ObjectNode) d.get("main")).put("temp", "warm");
                json = d.toString();
            }
            case 2 -> {
                d.remove("main");
                json = d.toString();
            }
            case 3 -> {
                ((ObjectNode) d.get("main")).put("humidity", 140);
                json = d.toString();
            }
            case 4 -> {
                ((ObjectNode) d.get("main")).put("temp", -5);
                json = d.toString();
            }
            default -> { // a city no reference data knows, and its document does not say what it is either
                d.put("id", 1);
                d.remove("name");
                json = d.toString();
            }
        }
        return new Doc(c.id(), dt, json, false);
    }
}
