package io.kappa.weather;

import io.kappa.core.RawRecord;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whether a weather record is a valid reading, and the reading: docs/semantics.md, rule 4, checks 1 to 5 in order,
 * the first that fails being the reason. A pure function of the record (and the reference data), used both at the
 * source, where a valid reading's {@code dt} is the record's event time, and by {@link ParseWeatherReadings}.
 *
 * <p>Whatever the bytes, {@link #parse} returns a reading or throws {@link Invalid} with a reason of bounded length:
 * the document is read within explicit limits (at most {@value #MAX_DEPTH} levels of nesting, numbers of at most
 * {@value #MAX_NUMBER_DIGITS} digits, no name twice in one object), a reason names a field's type rather than quoting
 * it, and the parser's own words are cut to {@value #MAX_QUOTED_CHARS} characters ({@code ReadingParserFuzzTest} tries
 * random, mutated, huge and deep input).
 */
public final class ReadingParser implements Serializable {
    private static final long serialVersionUID = 1L;
    /** 2000-01-01 and 2100-01-01: outside that, {@code dt} is not a plausible observation time. */
    static final long MIN_DT = 946_684_800L;
    static final long MAX_DT = 4_102_444_800L;
    /** Levels of objects and arrays a document may nest (an OpenWeather document has 3). */
    public static final int MAX_DEPTH = 32;
    /** Digits of a number literal: integer, fraction and exponent digits together (Jackson's count). */
    public static final int MAX_NUMBER_DIGITS = 100;
    /** Characters of the parser's own words quoted in a reason; longer text is cut and ends with "…". */
    public static final int MAX_QUOTED_CHARS = 100;

    private final CityDirectory cities;
    private final int maxDocumentBytes;
    private final long maxDtAheadMillis;
    private transient ObjectMapper json;

    public ReadingParser(CityDirectory cities, int maxDocumentBytes, long maxDtAheadMillis) {
        this.cities = cities;
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxDtAheadMillis = maxDtAheadMillis;
    }

    /** Why a document is not a valid reading. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The event time of a record: its valid reading's {@code dt} in milliseconds, or {@link Long#MIN_VALUE}. Never
     * throws: it runs in the source, where an exception would fail the job (what else content could throw is the
     * operator's to report, {@link ParseWeatherReadings}).
     */
    public long eventTime(RawRecord record) {
        try {
            return parse(record).dt * 1000;
        } catch (Invalid | RuntimeException | StackOverflowError e) {
            return Long.MIN_VALUE;
        }
    }

    public Reading parse(RawRecord record) throws Invalid {
        byte[] value = record.value;
        if (value == null) {
            throw new Invalid("record has no value (null)");
        }
        if (value.length > maxDocumentBytes) {
            throw new Invalid("document of " + value.length + " bytes is longer than the limit of " + maxDocumentBytes
                    + " bytes (--max-weather-bytes)");
        }
        JsonNode doc = document(value);
        Reading r = new Reading();
        r.cityId = whole(doc, "id", BigInteger.ONE, BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        r.dt = whole(doc, "dt", BigInteger.valueOf(MIN_DT), BigInteger.valueOf(MAX_DT)).longValue();
        r.tempK = number(doc, "main.temp", 150, 350, "K");
        r.humidity = whole(doc, "main.humidity", BigInteger.ZERO, BigInteger.valueOf(100)).intValue();
        r.pressure = whole(doc, "main.pressure", BigInteger.valueOf(800), BigInteger.valueOf(1100)).intValue();
        r.windMs = number(doc, "wind.speed", 0, 150, "m/s");
        r.windDeg = whole(doc, "wind.deg", BigInteger.ZERO, BigInteger.valueOf(360)).intValue();
        JsonNode weather = doc.path("weather").path(0);
        r.condition = text(weather.path("main"), "weather[0].main", 64);
        if (r.condition == null) {
            throw new Invalid("missing field weather[0].main");
        }
        String description = text(weather.path("description"), "weather[0].description", 200);
        r.description = description != null ? description : r.condition.toLowerCase(Locale.ROOT);
        long aheadMillis = r.dt * 1000 - record.timestamp;
        if (aheadMillis > maxDtAheadMillis) {
            throw new Invalid("dt of " + r.dt + " is " + BigDecimal.valueOf(aheadMillis, 3).stripTrailingZeros()
                    .toPlainString() + " s after the record's timestamp, more than --max-dt-ahead");
        }
        Optional<City> known = cities.find(r.cityId);
        if (known.isPresent()) {
            City c = known.get();
            setCity(r, c.name(), c.country(), c.lat(), c.lon(), c.timeZone());
        } else if (!describedByDocument(doc, r)) {
            throw new Invalid("unknown city id " + r.cityId + " (not in the city reference data and the document "
                    + "lacks name, sys.country, coord or timezone)");
        }
        r.topic = record.topic;
        r.partition = record.partition;
        r.offset = record.offset;
        return r;
    }

    private JsonNode document(byte[] value) throws Invalid {
        if (json == null) {
            json = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_DIGITS)
                            // no limit of Jackson's own on names or strings: the document's size bounds them
                            .maxNameLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new Invalid("not valid JSON: not UTF-8 (" + e.getMessage() + ")");
        }
        JsonNode doc;
        try {
            doc = json.readTree(text);
        } catch (StreamConstraintsException e) {
            String message = String.valueOf(e.getOriginalMessage());
            throw new Invalid(message.startsWith("Document nesting depth")
                    ? "not valid JSON: nested deeper than " + MAX_DEPTH + " levels"
                    : message.startsWith("Number value length")
                    ? "not valid JSON: a number of more than " + MAX_NUMBER_DIGITS + " digits"
                    : "not valid JSON: " + quoted(firstLine(message)));
        } catch (JsonProcessingException e) {
            String message = firstLine(e.getOriginalMessage());
            if (message.startsWith("Duplicate field '")) {
                throw new Invalid("not valid JSON: duplicate field " + quoted(message.substring("Duplicate field ".length())));
            }
            // Jackson's message can quote the document; the dead letter carries the document itself
            throw new Invalid("not valid JSON: " + quoted(message.replaceFirst(" \\(start marker at .*", "")));
        }
        if (doc == null || doc.isMissingNode()) {
            throw new Invalid("not valid JSON: no value (empty document)");
        }
        if (!doc.isObject()) {
            throw new Invalid("not a JSON object");
        }
        return doc;
    }

    private static void setCity(Reading r, String name, String country, double lat, double lon, String zone) {
        r.city = name;
        r.country = country;
        r.lat = lat;
        r.lon = lon;
        r.timeZone = zone;
    }

    /** Rule 4.5: the document's name, sys.country, coord and timezone, when all are there and plausible. */
    private static boolean describedByDocument(JsonNode doc, Reading r) {
        JsonNode name = doc.path("name");
        JsonNode country = doc.path("sys").path("country");
        JsonNode lat = doc.path("coord").path("lat");
        JsonNode lon = doc.path("coord").path("lon");
        JsonNode offset = doc.path("timezone");
        if (!name.isTextual() || !country.isTextual() || !lat.isNumber() || !lon.isNumber() || !offset.isNumber()) {
            return false;
        }
        int nameLength = hasUnpairedSurrogate(name.textValue()) ? 0
                : name.textValue().codePointCount(0, name.textValue().length());
        BigInteger seconds = wholeValue(offset);
        if (nameLength < 1 || nameLength > 200 || !country.textValue().matches("[A-Za-z]{2}")
                || !(lat.doubleValue() >= -90 && lat.doubleValue() <= 90)
                || !(lon.doubleValue() >= -180 && lon.doubleValue() <= 180)
                || seconds == null || seconds.abs().compareTo(BigInteger.valueOf(18 * 3600)) > 0) {
            return false;
        }
        setCity(r, name.textValue(), country.textValue(), lat.doubleValue(), lon.doubleValue(),
                ZoneId.ofOffset("UTC", ZoneOffset.ofTotalSeconds(seconds.intValue())).getId());
        return true;
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
            throw new Invalid("field " + path + " is not a number: it is " + typeOf(node));
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

    private static BigInteger whole(JsonNode doc, String path, BigInteger min, BigInteger max) throws Invalid {
        JsonNode n = field(doc, path);
        BigInteger v = wholeValue(n);
        if (v == null) {
            throw new Invalid("field " + path + " is not a whole number: " + Double.toString(n.doubleValue()));
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new Invalid(path + " of " + v + " is out of range (" + min + ".." + max + ")");
        }
        return v;
    }

    /** A whole number's value (50.0 and 1.7E9 are whole), else null. */
    private static BigInteger wholeValue(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue();
        }
        double d = n.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d) ? new BigDecimal(d).toBigIntegerExact() : null;
    }

    /** Text of at most {@code max} characters (code points), or null when missing. */
    private static String text(JsonNode node, String path, int max) throws Invalid {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Invalid("field " + path + " is not text: it is " + typeOf(node));
        }
        if (hasUnpairedSurrogate(node.textValue())) {
            throw new Invalid("field " + path + " is not text: it has an unpaired surrogate");
        }
        int length = node.textValue().codePointCount(0, node.textValue().length());
        if (length > max) {
            throw new Invalid(path + " of " + length + " characters is out of range (0.." + max + ")");
        }
        return node.textValue();
    }

    /** Whether a string's escapes left a surrogate unpaired: it is then not Unicode text (rule 4.3). */
    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A JSON value's type as a reason names it (rule 4.3). */
    static String typeOf(JsonNode node) {
        return node.isTextual() ? "text" : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean"
                : node.isObject() ? "an object" : node.isArray() ? "an array" : "a value";
    }

    /** Text quoted in a reason: at most {@value #MAX_QUOTED_CHARS} characters (code points), then "…" if cut. */
    static String quoted(String text) {
        if (text.length() <= MAX_QUOTED_CHARS || text.codePointCount(0, text.length()) <= MAX_QUOTED_CHARS) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_QUOTED_CHARS)) + "…";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
