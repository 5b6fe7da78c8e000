package io.kappa.oracle;

import io.kappa.oracle.WeatherJson.Arr;
import io.kappa.oracle.WeatherJson.Null;
import io.kappa.oracle.WeatherJson.Num;
import io.kappa.oracle.WeatherJson.Obj;
import io.kappa.oracle.WeatherJson.Text;
import io.kappa.oracle.WeatherJson.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Rule 4: is a weather record a valid reading (checks 1–5, the first that fails is the reason), and its
 * enrichment ({@link Enrichment}). Written from semantics.md; it shares no code with the job: the document is read
 * by {@link WeatherJson}, the reference data by {@link Cities}.
 *
 * <p>Check 3's reasons, as the contract words them (X the field's path, checked in the contract's order; for each
 * field: missing, then its type, then whole, then its range):
 * <ul>
 *   <li>{@code missing field X}: absent or JSON null; a field under something that is not an object is absent
 *       ({@code "main": 5} lacks {@code main.temp}); {@code weather[0]} is the first element of the array
 *       {@code weather}, so when {@code weather} is not a non-empty array, {@code weather[0].main} is missing;</li>
 *   <li>{@code field X is not a number: it is T}, {@code field X is not text: it is T}, T one of {@code text},
 *       {@code a number}, {@code a boolean}, {@code an object}, {@code an array}; a string with an unpaired surrogate:
 *       {@code field X is not text: it has an unpaired surrogate};</li>
 *   <li>{@code field X is not a whole number: V}, V the number's double as {@link Double#toString} prints it;</li>
 *   <li>{@code X of V is out of range (lo..hi)} for whole numbers, V in decimal digits ({@code 1..9223372036854775807}
 *       for id, {@code 946684800..4102444800} for dt); {@code main.temp of V K is out of range (150.0..350.0 K)} and
 *       {@code wind.speed of V m/s is out of range (0.0..150.0 m/s)}, V as {@link Double#toString} prints it;</li>
 *   <li>{@code X of N characters is out of range (0..M)} for text (characters are code points).</li>
 * </ul>
 * Where the contract gives only a pattern: a value over --max-weather-bytes is {@code document of N bytes is longer
 * than the limit of M bytes (--max-weather-bytes)}, and rule 4.4's {@code N} is the difference in seconds, exact
 * (milliseconds as a decimal fraction, no trailing zeros: {@code 3600.001}, {@code 7200}).
 */
final class WeatherRules {
    private WeatherRules() {}

    /** 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z in epoch seconds (rule 4.3), both allowed. */
    static final BigInteger MIN_DT = BigInteger.valueOf(946_684_800L);
    static final BigInteger MAX_DT = BigInteger.valueOf(4_102_444_800L);
    /** The largest offset of a document's {@code timezone}: 18 hours, in seconds. */
    static final int MAX_OFFSET = 64_800;

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
        // 4.2 one JSON object, strict UTF-8, nothing after it, within the limits
        Obj doc;
        try {
            doc = WeatherJson.readObject(value);
        } catch (WeatherJson.Refused e) {
            throw new Invalid(e.getMessage());
        }
        // 4.3 the fields, in the contract's order
        long cityId = whole(doc, "id", BigInteger.ONE, BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
        long dt = whole(doc, "dt", MIN_DT, MAX_DT).longValueExact();
        double tempK = measured(doc, "main.temp", 150, 350, "K");
        int humidity = whole(doc, "main.humidity", BigInteger.ZERO, BigInteger.valueOf(100)).intValueExact();
        int pressure = whole(doc, "main.pressure", BigInteger.valueOf(800), BigInteger.valueOf(1100)).intValueExact();
        double windMs = measured(doc, "wind.speed", 0, 150, "m/s");
        int windDeg = whole(doc, "wind.deg", BigInteger.ZERO, BigInteger.valueOf(360)).intValueExact();
        Value first = firstWeather(doc);
        Value main = first instanceof Obj o ? o.get("main") : null;
        if (isMissing(main)) {
            throw new Invalid("missing field weather[0].main");
        }
        String condition = text(main, "weather[0].main", 64);
        Value describedAs = first instanceof Obj o ? o.get("description") : null;
        String description = isMissing(describedAs)
                ? condition.toLowerCase(Locale.ROOT) // absent: main lower-cased by Unicode's default mapping
                : text(describedAs, "weather[0].description", 200);
        // 4.4 dt not more than F after the record's Kafka timestamp (exact arithmetic: no overflow whatever the timestamp)
        BigDecimal aheadMs = BigDecimal.valueOf(dt).scaleByPowerOfTen(3).subtract(BigDecimal.valueOf(record.timestamp()));
        if (aheadMs.compareTo(BigDecimal.valueOf(s.maxDtAheadMs())) > 0) {
            throw new Invalid("dt of " + dt + " is " + aheadMs.movePointLeft(3).stripTrailingZeros().toPlainString()
                    + " s after the record's timestamp, more than --max-dt-ahead");
        }
        // 4.5 the city is known: reference data first, whatever the document's name, else the document's own fields
        Optional<City> known = s.cities().find(cityId);
        City city = known.isPresent() ? known.get() : cityFromDocument(doc, cityId);
        if (city == null) {
            throw new Invalid("unknown city id " + cityId + " (not in the city reference data and the document lacks"
                    + " name, sys.country, coord or timezone)");
        }
        return new ValidReading(cityId, dt, tempK, humidity, pressure, windMs, windDeg, condition, description, city);
    }

    /** {@code weather[0]}: the first element of the array {@code weather}; null when it is not a non-empty array. */
    private static Value firstWeather(Obj doc) {
        return doc.get("weather") instanceof Arr a && !a.items().isEmpty() ? a.items().get(0) : null;
    }

    /** The value at a dotted path ("main.temp"); null when a step is absent or not an object. */
    static Value at(Obj doc, String path) {
        Value v = doc;
        for (String name : path.split("\\.")) {
            if (!(v instanceof Obj o)) {
                return null;
            }
            v = o.get(name);
        }
        return v;
    }

    /** Absent or JSON null. */
    private static boolean isMissing(Value v) {
        return v == null || v == Null.NULL;
    }

    /** A field that must be a number: missing, or not a number. */
    private static Num numberField(Obj doc, String path) throws Invalid {
        Value v = at(doc, path);
        if (isMissing(v)) {
            throw new Invalid("missing field " + path);
        }
        if (!(v instanceof Num n)) {
            throw new Invalid("field " + path + " is not a number: it is " + v.kind());
        }
        return n;
    }

    /** A measured number within [lo, hi], in a unit: {@code main.temp of -5.0 K is out of range (150.0..350.0 K)}. */
    private static double measured(Obj doc, String path, double lo, double hi, String unit) throws Invalid {
        double v = numberField(doc, path).asDouble();
        if (!(v >= lo && v <= hi)) {
            throw new Invalid(path + " of " + Double.toString(v) + " " + unit + " is out of range ("
                    + Double.toString(lo) + ".." + Double.toString(hi) + " " + unit + ")");
        }
        return v;
    }

    /** A whole number within [lo, hi]: {@code main.humidity of 140 is out of range (0..100)}. */
    private static BigInteger whole(Obj doc, String path, BigInteger lo, BigInteger hi) throws Invalid {
        Num n = numberField(doc, path);
        BigInteger v = n.wholeValue();
        if (v == null) {
            throw new Invalid("field " + path + " is not a whole number: " + Double.toString(n.asDouble()));
        }
        if (v.compareTo(lo) < 0 || v.compareTo(hi) > 0) {
            throw new Invalid(path + " of " + v + " is out of range (" + lo + ".." + hi + ")");
        }
        return v;
    }

    /** Text of at most {@code max} characters (code points); the caller has checked that it is not missing. */
    private static String text(Value v, String path, int max) throws Invalid {
        if (!(v instanceof Text t)) {
            throw new Invalid("field " + path + " is not text: it is " + v.kind());
        }
        if (hasUnpairedSurrogate(t.text())) {
            throw new Invalid("field " + path + " is not text: it has an unpaired surrogate");
        }
        int length = t.text().codePointCount(0, t.text().length());
        if (length > max) {
            throw new Invalid(path + " of " + length + " characters is out of range (0.." + max + ")");
        }
        return t.text();
    }

    /** Rule 4.3: text is Unicode; a string whose escapes leave a surrogate unpaired is not. */
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

    /**
     * Rule 4.5's city described by the document: {@code name} text of 1..200 characters, {@code sys.country} two
     * ASCII letters (kept as written), {@code coord.lat} a number in −90..90, {@code coord.lon} a number in
     * −180..180, {@code timezone} a whole number of seconds in −64800..64800. Null when any is lacking or present but
     * not as described. The zone is the fixed offset, named as {@code ZoneId.ofOffset("UTC", offset)} names it.
     */
    static City cityFromDocument(Obj doc, long cityId) {
        if (!(at(doc, "name") instanceof Text name) || !(at(doc, "sys.country") instanceof Text country)
                || !(at(doc, "coord.lat") instanceof Num lat) || !(at(doc, "coord.lon") instanceof Num lon)
                || !(at(doc, "timezone") instanceof Num timezone)) {
            return null;
        }
        int nameLength = name.text().codePointCount(0, name.text().length());
        if (nameLength < 1 || nameLength > 200 || hasUnpairedSurrogate(name.text())) {
            return null;
        }
        if (!isTwoAsciiLetters(country.text())) {
            return null;
        }
        double latitude = lat.asDouble();
        double longitude = lon.asDouble();
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            return null;
        }
        BigInteger seconds = timezone.wholeValue();
        if (seconds == null || seconds.compareTo(BigInteger.valueOf(-MAX_OFFSET)) < 0
                || seconds.compareTo(BigInteger.valueOf(MAX_OFFSET)) > 0) {
            return null;
        }
        String zone = ZoneId.ofOffset("UTC", ZoneOffset.ofTotalSeconds(seconds.intValueExact())).getId();
        return new City(cityId, name.text(), country.text(), latitude, longitude, zone, 0);
    }

    private static boolean isTwoAsciiLetters(String s) {
        if (s.length() != 2) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    /** The enriched observation of a valid reading (rule 4, "Enrichment"). */
    static Observation enrich(ValidReading r, long writeTime) {
        return Enrichment.observation(r, writeTime);
    }
}
