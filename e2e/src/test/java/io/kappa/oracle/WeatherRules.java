package io.kappa.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kappa.weather.City;
import io.kappa.weather.WeatherMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Rule 4: is a weather record a valid reading (checks 1–5, the first that fails is the reason), and its
 * enrichment. Written from semantics.md, not from the job's parser.
 *
 * <p>How the reasons render where semantics.md gives only a pattern (see also {@link Oracle}'s class comment):
 * <ul>
 *   <li>{@code X of V is out of range (lo..hi)} for whole numbers ({@code main.humidity of 140 is out of range
 *       (0..100)}, {@code 946684800..4102444800} for dt, {@code 1..9223372036854775807} for id), and
 *       {@code X of V unit is out of range (lo..hi unit)} for the two measured numbers, all as Java prints them
 *       ({@code main.temp of -5.0 K is out of range (150.0..350.0 K)}, {@code wind.speed} in m/s);</li>
 *   <li>{@code field X is not a number: …} / {@code … not a whole number: …}: the JSON text of the field's value
 *       as Jackson writes it ({@code "hot"}, {@code 12.5});</li>
 *   <li>text fields: {@code field X is not text: …} (the JSON text) and {@code X of N characters is out of range
 *       (lo..hi)} (characters are Unicode code points);</li>
 *   <li>a value over --max-weather-bytes: {@code document of N bytes is longer than the limit of M bytes
 *       (--max-weather-bytes)};</li>
 *   <li>rule 4.4's {@code N}: the difference in seconds, exact (milliseconds as a decimal fraction, no trailing
 *       zeros: {@code 3600.001}, {@code 7200}).</li>
 * </ul>
 */
final class WeatherRules {
    private WeatherRules() {}

    /** 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z in epoch seconds (rule 4.3), both allowed. */
    static final String MIN_DT = "946684800";
    static final String MAX_DT = "4102444800";

    /**
     * A strict JSON reader: standard JSON only, nothing may follow the value, at most 32 levels of nesting, numbers of
     * at most 100 characters, no name twice in one object (rule 4.2).
     */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNestingDepth(32)
                    .maxNumberLength(100).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A field's JSON text in a reason: its first 100 characters (code points), then "…" when longer. */
    static String quoted(JsonNode node) {
        String s = node.toString();
        return s.codePointCount(0, s.length()) <= 100 ? s : s.substring(0, s.offsetByCodePoints(0, 100)) + "…";
    }

    /** A valid reading, in the source's units, with the city it is enriched with (reference data or document). */
    record ValidReading(long cityId, long dt, double tempK, int humidity, int pressure, double windMs, int windDeg,
                        String condition, String description, City city) {
        /** Rule 4's reading key k over the canonical text (see {@link Oracle#readingKeyText}). */
        long key() {
            return Oracle.readingKey(cityId, dt, tempK, humidity, pressure, windMs, windDeg, condition, description,
                    city.name(), city.country(), city.lat(), city.lon(), city.timeZone());
        }
    }

    /** Either a reason (not a valid reading) or the reading. */
    record Check(String reason, ValidReading reading) {}

    /** The first check that fails. */
    private static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    static Check check(Oracle.Input record, Oracle.Settings s) {
        try {
            return new Check(null, validate(record, s));
        } catch (Invalid e) {
            return new Check(e.getMessage(), null);
        }
    }

    private static ValidReading validate(Oracle.Input record, Oracle.Settings s) throws Invalid {
        byte[] value = record.value();
        // 4.1 a value, of at most --max-weather-bytes bytes
        if (value == null) {
            throw new Invalid("record has no value (null)");
        }
        if (value.length > s.maxWeatherBytes()) {
            throw new Invalid("document of " + value.length + " bytes is longer than the limit of "
                    + s.maxWeatherBytes() + " bytes (--max-weather-bytes)");
        }
        // 4.2 a JSON object: UTF-8 text (RFC 8259 §8.1) holding one JSON value and nothing after it
        JsonNode doc;
        try {
            doc = JSON.readTree(WordRules.strictUtf8(value));
        } catch (CharacterCodingException e) {
            throw new Invalid("not valid JSON: not UTF-8 (" + e.getMessage() + ")");
        } catch (JsonProcessingException e) {
            throw new Invalid("not valid JSON: " + e.getOriginalMessage());
        }
        if (doc == null || doc.isMissingNode()) {
            throw new Invalid("not valid JSON: no value (empty document)");
        }
        if (!doc.isObject()) {
            throw new Invalid("not a JSON object");
        }
        // 4.3 the fields, in the order semantics.md lists them
        long cityId = whole(doc, "id", "1", Long.toString(Long.MAX_VALUE)).longValueExact();
        long dt = whole(doc, "dt", MIN_DT, MAX_DT).longValueExact();
        double tempK = number(doc, "main.temp", 150, 350, "K");
        int humidity = whole(doc, "main.humidity", "0", "100").intValueExact();
        int pressure = whole(doc, "main.pressure", "800", "1100").intValueExact();
        double windMs = number(doc, "wind.speed", 0, 150, "m/s");
        int windDeg = whole(doc, "wind.deg", "0", "360").intValueExact();
        JsonNode first = doc.path("weather").path(0); // missing unless "weather" is a non-empty array
        String condition = text(first.path("main"), "weather[0].main", 0, 64);
        if (condition == null) {
            throw new Invalid("missing field weather[0].main");
        }
        String description = text(first.path("description"), "weather[0].description", 0, 200);
        if (description == null) {
            description = condition.toLowerCase(Locale.ROOT); // absent: main in lower case
        }
        // 4.4 dt not more than F after the record's Kafka timestamp
        long aheadMs = dt * 1000 - record.timestamp();
        if (aheadMs > s.maxDtAheadMs()) {
            throw new Invalid("dt of " + dt + " is " + BigDecimal.valueOf(aheadMs, 3).stripTrailingZeros().toPlainString()
                    + " s after the record's timestamp, more than --max-dt-ahead");
        }
        // 4.5 the city is known: reference data first, else the document's own description of it
        Optional<City> known = s.cities().find(cityId);
        City city = known.isPresent() ? known.get() : cityFromDocument(doc, cityId);
        if (city == null) {
            throw new Invalid("unknown city id " + cityId + " (not in the city reference data and the document lacks"
                    + " name, sys.country, coord or timezone)");
        }
        return new ValidReading(cityId, dt, tempK, humidity, pressure, windMs, windDeg, condition, description, city);
    }

    /**
     * Rule 4.5's document fields: {@code name} (text, 1..200 characters), {@code sys.country} (two letters, taken
     * as two ASCII letters A–Z or a–z, kept as written), {@code coord.lat} (−90..90), {@code coord.lon}
     * (−180..180), {@code timezone} (a whole number of seconds in −64800..64800). Null when any is missing or
     * not as described. The zone is the fixed offset, as a zone id with the prefix "UTC" ("UTC-05:00"; "UTC"
     * for offset 0).
     */
    static City cityFromDocument(JsonNode doc, long cityId) {
        JsonNode name = doc.path("name");
        JsonNode country = doc.path("sys").path("country");
        JsonNode lat = doc.path("coord").path("lat");
        JsonNode lon = doc.path("coord").path("lon");
        JsonNode timezone = doc.path("timezone");
        if (!name.isTextual() || !country.isTextual() || !lat.isNumber() || !lon.isNumber() || !timezone.isNumber()) {
            return null;
        }
        int nameLength = name.textValue().codePointCount(0, name.textValue().length());
        if (nameLength < 1 || nameLength > 200) {
            return null;
        }
        if (!country.textValue().matches("[A-Za-z]{2}")) {
            return null;
        }
        double latitude = lat.doubleValue();
        double longitude = lon.doubleValue();
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            return null;
        }
        BigInteger seconds = wholeValue(timezone);
        if (seconds == null || seconds.compareTo(BigInteger.valueOf(-64800)) < 0
                || seconds.compareTo(BigInteger.valueOf(64800)) > 0) {
            return null;
        }
        String zone = ZoneId.ofOffset("UTC", ZoneOffset.ofTotalSeconds(seconds.intValueExact())).getId();
        return new City(cityId, name.textValue(), country.textValue(), latitude, longitude, zone);
    }

    /** The node at a dotted path ("main.temp"); a missing or null field is "missing field X". */
    private static JsonNode numberField(JsonNode doc, String path) throws Invalid {
        JsonNode node = doc;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isNull()) {
            throw new Invalid("missing field " + path);
        }
        if (!node.isNumber()) {
            throw new Invalid("field " + path + " is not a number: " + quoted(node));
        }
        return node;
    }

    /** A number within [lo, hi], in a unit: {@code main.temp of -5.0 K is out of range (150.0..350.0 K)}. */
    private static double number(JsonNode doc, String path, double lo, double hi, String unit) throws Invalid {
        double v = numberField(doc, path).doubleValue();
        if (!(v >= lo && v <= hi)) {
            throw new Invalid(path + " of " + v + " " + unit + " is out of range (" + lo + ".." + hi + " " + unit + ")");
        }
        return v;
    }

    /** A whole number within [lo, hi]; 50.0 is the whole number 50. */
    private static BigInteger whole(JsonNode doc, String path, String lo, String hi) throws Invalid {
        JsonNode node = numberField(doc, path);
        BigInteger v = wholeValue(node);
        if (v == null) {
            throw new Invalid("field " + path + " is not a whole number: " + quoted(node));
        }
        if (v.compareTo(new BigInteger(lo)) < 0 || v.compareTo(new BigInteger(hi)) > 0) {
            throw new Invalid(path + " of " + v + " is out of range (" + lo + ".." + hi + ")");
        }
        return v;
    }

    /** The value of a numeric node that is a whole number, else null. */
    private static BigInteger wholeValue(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        double d = node.doubleValue(); // a JSON number with a fraction or exponent is read as a double
        if (!Double.isFinite(d) || d != Math.rint(d)) {
            return null;
        }
        return new BigDecimal(d).toBigIntegerExact();
    }

    /** Text of lo..hi characters (code points); null when the field is missing or JSON null. */
    private static String text(JsonNode node, String path, int lo, int hi) throws Invalid {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Invalid("field " + path + " is not text: " + quoted(node));
        }
        String s = node.textValue();
        int length = s.codePointCount(0, s.length());
        if (length < lo || length > hi) {
            throw new Invalid(path + " of " + length + " characters is out of range (" + lo + ".." + hi + ")");
        }
        return s;
    }

    /**
     * The enrichment (semantics.md rule 4, "as WeatherMath defines"), kept identical to the job's:
     * °C = round1(K − 273.15); °F = round1(°C·9/5 + 32) from the unrounded °C; km/h = round1(m/s · 3.6);
     * feels-like = round1(feelsLikeCelsius(unrounded °C, humidity, unrounded km/h)); Beaufort force and name from
     * m/s; compass from the degrees; local time = the instant dt in the city's zone, as an ISO offset date-time;
     * observed_at = dt · 1000.
     */
    static Observation enrich(ValidReading r, long writeTime) {
        City city = r.city();
        double c = WeatherMath.kelvinToCelsius(r.tempK());
        double kmh = WeatherMath.metresPerSecondToKmh(r.windMs());
        int beaufort = WeatherMath.beaufort(r.windMs());
        String localTime = Instant.ofEpochSecond(r.dt()).atZone(ZoneId.of(city.timeZone())).toOffsetDateTime().toString();
        return new Observation(
                r.cityId(),
                r.dt() * 1000,
                city.name(),
                city.country(),
                localTime,
                WeatherMath.round1(c),
                WeatherMath.round1(WeatherMath.celsiusToFahrenheit(c)),
                WeatherMath.round1(WeatherMath.feelsLikeCelsius(c, r.humidity(), kmh)),
                r.humidity(),
                r.pressure(),
                r.windMs(),
                WeatherMath.round1(kmh),
                r.windDeg(),
                beaufort,
                WeatherMath.beaufortName(beaufort),
                WeatherMath.compass(r.windDeg()),
                r.condition(),
                r.description(),
                writeTime);
    }
}
