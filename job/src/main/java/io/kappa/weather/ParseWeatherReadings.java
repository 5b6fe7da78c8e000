package io.kappa.weather;

import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.jackson.JacksonMapperFactory;

/**
 * Parses an OpenWeather "current weather" document and validates it. A record that is not JSON, lacks a
 * field, has a field of the wrong type or out of range (a temperature of −5 K, humidity of 140 %), or names a
 * city the reference data does not know goes to {@link #DEAD_LETTERS} with the reason, and is counted in
 * {@code malformedWeather}; the job never fails on it.
 */
public class ParseWeatherReadings extends ProcessFunction<RawRecord, Reading> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("weather-dead-letters") {};
    /** 2000-01-01 and 2100-01-01: outside that, {@code dt} is not a plausible observation time. */
    static final long MIN_DT = 946_684_800L;
    static final long MAX_DT = 4_102_444_800L;

    private final CityDirectory cities;
    private transient ObjectMapper json;
    private transient Counter readingsRead;
    private transient Counter malformed;

    public ParseWeatherReadings(CityDirectory cities) {
        this.cities = cities;
    }

    @Override
    public void open(OpenContext openContext) {
        json = JacksonMapperFactory.createObjectMapper();
        readingsRead = getRuntimeContext().getMetricGroup().counter("weatherRead");
        malformed = getRuntimeContext().getMetricGroup().counter("malformedWeather");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Reading> out) {
        readingsRead.inc();
        try {
            out.collect(parse(record.value));
        } catch (Invalid e) {
            malformed.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(record, e.getMessage()));
        }
    }

    /** The reason a document is rejected. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    Reading parse(byte[] value) throws Invalid {
        if (value == null) {
            throw new Invalid("record has no value (null)");
        }
        JsonNode doc;
        try {
            doc = json.readTree(value);
        } catch (org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException e) {
            // Jackson's message can quote the document; the dead letter carries the document itself
            throw new Invalid("not valid JSON: " + firstLine(e.getOriginalMessage()).replaceFirst(" \\(start marker at .*", ""));
        } catch (java.io.IOException e) {
            throw new Invalid("not valid JSON: " + firstLine(e.getMessage()));
        }
        if (doc == null || !doc.isObject()) {
            throw new Invalid("not a JSON object");
        }
        Reading r = new Reading();
        r.cityId = integer(doc, "id", 1, Long.MAX_VALUE);
        r.dt = integer(doc, "dt", MIN_DT, MAX_DT);
        r.tempK = number(doc, "main.temp", 150, 350, "K");
        r.humidity = (int) integer(doc, "main.humidity", 0, 100);
        r.pressure = (int) integer(doc, "main.pressure", 800, 1100);
        r.windMs = number(doc, "wind.speed", 0, 150, "m/s");
        r.windDeg = (int) integer(doc, "wind.deg", 0, 360);
        JsonNode weather = doc.path("weather");
        if (!weather.isArray() || weather.isEmpty() || !weather.get(0).path("main").isTextual()) {
            throw new Invalid("missing field weather[0].main (text)");
        }
        r.condition = weather.get(0).path("main").asText();
        r.description = weather.get(0).path("description").asText(r.condition.toLowerCase());
        if (cities.find(r.cityId).isEmpty()) {
            throw new Invalid("unknown city id " + r.cityId + " (not in the city reference data; see --cities)");
        }
        return r;
    }

    private static JsonNode field(JsonNode doc, String path) throws Invalid {
        JsonNode node = doc;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isNull()) {
            throw new Invalid("missing field " + path);
        }
        if (!node.isNumber()) {
            throw new Invalid("field " + path + " is not a number: " + node);
        }
        return node;
    }

    private static double number(JsonNode doc, String path, double min, double max, String unit) throws Invalid {
        double v = field(doc, path).asDouble();
        if (!(v >= min && v <= max)) {
            throw new Invalid(path + " of " + v + " " + unit + " is out of range (" + min + ".." + max + " " + unit + ")");
        }
        return v;
    }

    private static long integer(JsonNode doc, String path, long min, long max) throws Invalid {
        JsonNode n = field(doc, path);
        if (!n.isIntegralNumber() && n.asDouble() != Math.rint(n.asDouble())) {
            throw new Invalid("field " + path + " is not a whole number: " + n);
        }
        long v = n.asLong();
        if (v < min || v > max) {
            throw new Invalid(path + " of " + v + " is out of range (" + min + ".." + max + ")");
        }
        return v;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
