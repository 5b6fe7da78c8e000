package io.kappa.oracle;

import static io.kappa.oracle.OracleFixtures.B;
import static io.kappa.oracle.OracleFixtures.LONDON;
import static io.kappa.oracle.OracleFixtures.UNKNOWN;
import static io.kappa.oracle.OracleFixtures.WEATHER;
import static io.kappa.oracle.OracleFixtures.defaults;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule 4, checks 2 and 3, on documents written character by character: the JSON limits (32 levels, integers of
 * 100 digits, no name twice, one value and nothing after it, strict UTF-8), which problem is the reason when there are
 * several (the first met in reading order), how number literals are read, and the field reasons' exact words.
 */
class OracleWeatherJsonTest {

    /** London at dt = B, 293.15 K, as a JSON text whose every literal is as written here. */
    static final String LONDON_DOC = "{\"coord\":{\"lon\":-0.1257,\"lat\":51.5085},"
            + "\"weather\":[{\"id\":800,\"main\":\"Clear\",\"description\":\"clear sky\"}],"
            + "\"main\":{\"temp\":293.15,\"humidity\":50,\"pressure\":1012},\"wind\":{\"speed\":5.0,\"deg\":90},"
            + "\"dt\":" + B + ",\"sys\":{\"country\":\"GB\"},\"timezone\":3600,\"id\":" + LONDON + ",\"name\":\"London\"}";

    /** The London document with one piece of text replaced (which must be there). */
    static String with(String from, String to) {
        assertThat(LONDON_DOC).contains(from);
        return LONDON_DOC.replace(from, to);
    }

    /** The London document with an extra field first: {@code "name": value,}. */
    static String withFirst(String name, String valueJson) {
        return "{\"" + name + "\":" + valueJson + "," + LONDON_DOC.substring(1);
    }

    private static Expected run(byte[] value) {
        return OracleFixtures.weather(defaults(), new Oracle.Input(WEATHER, 0, 0, B * 1000, null, value));
    }

    /** The dead letter's exact reason, or null when the record is a valid reading. */
    static String reason(String json) {
        return reason(json.getBytes(StandardCharsets.UTF_8));
    }

    static String reason(byte[] value) {
        Expected e = run(value);
        if (e.deadLetters().isEmpty()) {
            assertThat(e.observations()).hasSize(1);
            return null;
        }
        assertThat(e.deadLetters()).hasSize(1);
        assertThat(e.observations()).isEmpty();
        return e.deadLetters().iterator().next().reason();
    }

    private static Observation observation(String json) {
        Expected e = run(json.getBytes(StandardCharsets.UTF_8));
        assertThat(e.deadLetters()).isEmpty();
        return e.observations().values().iterator().next();
    }

    @Test
    void theBaseDocumentIsAValidReading() {
        assertThat(reason(LONDON_DOC)).isNull();
        assertThat(observation(LONDON_DOC).tempC()).isEqualTo(20.0);
    }

    // ----- nesting: the document's own object is level 1 -----

    @Test
    void thirtyTwoLevelsAreAllowedThirtyThreeAreNot() {
        // 1 (the document) + 31 arrays = 32 levels; + 32 arrays = 33
        assertThat(reason(withFirst("deep", "[".repeat(31) + "]".repeat(31)))).isNull();
        assertThat(reason(withFirst("deep", "[".repeat(32) + "]".repeat(32))))
                .isEqualTo("not valid JSON: nested deeper than 32 levels");
        // objects count as arrays do
        assertThat(reason(withFirst("deep", "{\"a\":".repeat(31) + "1" + "}".repeat(31)))).isNull();
        assertThat(reason(withFirst("deep", "{\"a\":".repeat(32) + "1" + "}".repeat(32))))
                .isEqualTo("not valid JSON: nested deeper than 32 levels");
        // a document that is an array: level 1 too, and too deep wins over "not an object"
        assertThat(reason("[".repeat(32) + "]".repeat(32))).isEqualTo("not a JSON object");
        assertThat(reason("[".repeat(33) + "]".repeat(33))).isEqualTo("not valid JSON: nested deeper than 32 levels");
        // met as soon as the 33rd level opens, whatever is wrong later
        assertThat(reason("[".repeat(33))).isEqualTo("not valid JSON: nested deeper than 32 levels");
    }

    // ----- integers: at most 100 digits, the sign not counted -----

    @Test
    void integersOfAHundredDigitsAreAllowedNotMore() {
        String hundred = "1" + "0".repeat(99);
        assertThat(reason(withFirst("big", hundred))).isNull();
        assertThat(reason(withFirst("big", "-" + hundred))).isNull();
        assertThat(reason(withFirst("big", hundred + "0"))).isEqualTo("not valid JSON: a number of more than 100 digits");
        assertThat(reason(withFirst("big", "-" + hundred + "0")))
                .isEqualTo("not valid JSON: a number of more than 100 digits");
        // a 100-digit id is read exactly: out of range
        assertThat(reason(with("\"id\":" + LONDON, "\"id\":" + hundred)))
                .isEqualTo("id of " + hundred + " is out of range (1..9223372036854775807)");
    }

    @Test
    void numbersWithAFractionOrExponentCountEveryDigit() {
        // integer, fraction and exponent digits together; signs, the point and the e not counted
        String ninetyNine = "293." + "1".repeat(96);
        assertThat(reason(with("\"temp\":293.15", "\"temp\":" + ninetyNine))).isNull();
        assertThat(reason(with("\"temp\":293.15", "\"temp\":" + ninetyNine + "11")))
                .isEqualTo("not valid JSON: a number of more than 100 digits");
        assertThat(reason(withFirst("big", "-" + "1".repeat(50) + "." + "1".repeat(49) + "e-1"))).isNull();
        assertThat(reason(withFirst("big", "1".repeat(50) + "." + "1".repeat(50) + "e1")))
                .isEqualTo("not valid JSON: a number of more than 100 digits");
        // 293.000…0001 (99 digits) is the double 293.0: temp_c 19.9
        assertThat(observation(with("\"temp\":293.15", "\"temp\":293." + "0".repeat(95) + "1")).tempC())
                .isEqualTo(19.9);
    }

    // ----- names: no name twice in one object -----

    @Test
    void aNameTwiceInOneObjectIsRefused() {
        assertThat(reason(withFirst("id", "1"))).isEqualTo("not valid JSON: duplicate field 'id'");
        assertThat(reason(with("\"humidity\":50", "\"humidity\":50,\"humidity\":50")))
                .isEqualTo("not valid JSON: duplicate field 'humidity'");
        // names compare as text: an escaped letter is the same letter
        assertThat(reason(withFirst("\\u0069d", "1"))).isEqualTo("not valid JSON: duplicate field 'id'");
        // the same name in two objects is fine (the base document has "id" at the top and in weather[0])
        assertThat(reason(with("\"main\":\"Clear\"", "\"main\":\"Clear\",\"temp\":1"))).isNull();
    }

    // ----- one value, nothing after it -----

    @Test
    void nothingMayFollowTheValue() {
        for (String after : new String[] {" {}", " x", "}", "]", ",", " 1", " \"s\"", " null", "\u0000"}) {
            assertThat(reason(LONDON_DOC + after)).as(after).startsWith("not valid JSON: ")
                    .isNotEqualTo("not valid JSON: no value (empty document)");
        }
        // whitespace is not a value
        assertThat(reason(" \t\r\n" + LONDON_DOC + " \t\r\n")).isNull();
        // something after a value that is not an object: not well-formed, so not "not a JSON object"
        assertThat(reason("[1] x")).startsWith("not valid JSON: ");
        assertThat(reason("1 2")).startsWith("not valid JSON: ");
    }

    @Test
    void anEmptyDocument() {
        for (String empty : new String[] {"", " ", " \t\r\n "}) {
            assertThat(reason(empty)).as("[" + empty + "]").isEqualTo("not valid JSON: no value (empty document)");
        }
        // only JSON's four whitespace characters are whitespace
        for (String other : new String[] {"\u00a0", "\f", "\u000b", "\u2028", "\ufeff"}) {
            assertThat(reason(other)).as(other).startsWith("not valid JSON: ")
                    .isNotEqualTo("not valid JSON: no value (empty document)");
        }
    }

    @Test
    void notAnObject() {
        for (String value : new String[] {"[]", "[1, 2]", "null", "true", "\"text\"", "12", "-0.5e3", " 7 "}) {
            assertThat(reason(value)).as(value).isEqualTo("not a JSON object");
        }
    }

    @Test
    void strictUtf8IsCheckedFirst() {
        // the decoder's own message
        assertThat(reason(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}))
                .isEqualTo("not valid JSON: not UTF-8 (Input length = 1)");
        // Latin-1 ü
        assertThat(reason("{\"name\": \"Z\u00fcrich\"}".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo("not valid JSON: not UTF-8 (Input length = 1)");
        // a surrogate encoded in UTF-8 (CESU-8) and an overlong encoding are not UTF-8
        assertThat(reason(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'})).startsWith("not valid JSON: not UTF-8 (");
        assertThat(reason(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'})).startsWith("not valid JSON: not UTF-8 (");
        // before anything else, even an empty or too deep document
        assertThat(reason(new byte[] {' ', (byte) 0xFF})).startsWith("not valid JSON: not UTF-8 (");
        byte[] deep = ("[".repeat(40) + "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reason(deep)).startsWith("not valid JSON: not UTF-8 (");
    }

    @Test
    void aByteOrderMarkIsNotWhitespace() {
        // RFC 8259 lets a parser ignore a BOM; the contract's "strict" JSON does not: U+FEFF is not JSON whitespace
        assertThat(reason("\ufeff" + LONDON_DOC)).startsWith("not valid JSON: ");
    }

    @Test
    void syntaxErrorsAreNotValidJson() {
        for (String bad : new String[] {"{", "{\"id\": 01}", "{'id': 1}", "{\"id\": 1,}", "{\"a\": [1,]}", "{\"a\" 1}",
            "{\"a\": +1}", "{\"a\": .5}", "{\"a\": 1.}", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": tru}",
            "{\"a\": \"tab\there\"}", "{\"a\": \"\\x\"}", "{\"a\": 1} // comment", "{a: 1}", "{\"a\": -}",
            "{\"a\": 1e}", "{\"a\":1 \"b\":2}"}) {
            assertThat(reason(bad)).as(bad).startsWith("not valid JSON: ")
                    .doesNotStartWith("not valid JSON: duplicate").doesNotStartWith("not valid JSON: no value");
        }
    }

    // ----- several problems: the first met in reading order -----

    static Stream<Arguments> severalProblems() {
        String deep = "[".repeat(33) + "]".repeat(33);
        String tooLong = "1" + "0".repeat(100);
        return Stream.of(
                Arguments.of("{\"a\":1,\"a\":2,", "not valid JSON: duplicate field 'a'"),        // then the end
                Arguments.of("{\"a\":1,\"a\":2} x", "not valid JSON: duplicate field 'a'"),      // then trailing text
                Arguments.of("{\"a\":1,\"a\":" + deep + "}", "not valid JSON: duplicate field 'a'"),
                Arguments.of("{\"a\":" + deep + ",\"a\":1}", "not valid JSON: nested deeper than 32 levels"),
                Arguments.of("{\"a\":" + tooLong + ",\"a\":1}", "not valid JSON: a number of more than 100 digits"),
                Arguments.of("{\"a\":1,\"a\":" + tooLong + "}", "not valid JSON: duplicate field 'a'"),
                Arguments.of("{\"a\":" + tooLong + " x", "not valid JSON: a number of more than 100 digits"),
                Arguments.of("[" + tooLong + "]", "not valid JSON: a number of more than 100 digits"),
                Arguments.of("[{\"a\":1,\"a\":1}]", "not valid JSON: duplicate field 'a'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severalProblems")
    void ofSeveralProblemsTheFirstMetIsTheReason(String json, String reason) {
        assertThat(reason(json)).isEqualTo(reason);
    }

    @Test
    void aSyntaxErrorBeforeADuplicateOrALimitIsTheReason() {
        String r = reason("{\"a\":1 x \"a\":2}");
        assertThat(r).startsWith("not valid JSON: ").doesNotContain("duplicate");
        r = reason("{\"a\":[}" + "[".repeat(40));
        assertThat(r).startsWith("not valid JSON: ").doesNotContain("nested");
        r = reason("{\"a\":01" + "0".repeat(120) + "}"); // 0 then another number: a syntax error at the second
        assertThat(r).startsWith("not valid JSON: ").doesNotContain("digits");
    }

    // ----- numbers -----

    @Test
    void numbersAreReadExactlyOrAsTheNearestDouble() {
        // 1e400 is infinity: out of range, printed by Double.toString
        assertThat(reason(with("\"temp\":293.15", "\"temp\":1e400")))
                .isEqualTo("main.temp of Infinity K is out of range (150.0..350.0 K)");
        assertThat(reason(with("\"speed\":5.0", "\"speed\":-1E400")))
                .isEqualTo("wind.speed of -Infinity m/s is out of range (0.0..150.0 m/s)");
        assertThat(reason(with("\"speed\":5.0", "\"speed\":1e400")))
                .isEqualTo("wind.speed of Infinity m/s is out of range (0.0..150.0 m/s)");
        // an integer literal's exact value, as a double when a number is wanted
        assertThat(reason(with("\"temp\":293.15", "\"temp\":" + "9".repeat(100))))
                .isEqualTo("main.temp of 1.0E100 K is out of range (150.0..350.0 K)");
        assertThat(reason(with("\"temp\":293.15", "\"temp\":-5")))
                .isEqualTo("main.temp of -5.0 K is out of range (150.0..350.0 K)");
        // 1.7E9 is whole: dt = 1 700 000 000 (2023-11-14T22:13:20Z), sent at that time
        String at17 = with("\"dt\":" + B, "\"dt\":1.7E9");
        Expected e = OracleFixtures.weather(defaults(),
                new Oracle.Input(WEATHER, 0, 0, 1_700_000_000_000L, null, at17.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.observations().keySet()).containsExactly(new ObservationKey(LONDON, 1_700_000_000_000L));
        // whole numbers written with a zero fraction or an exponent
        assertThat(observation(with("\"humidity\":50", "\"humidity\":50.0")).humidity()).isEqualTo(50);
        assertThat(observation(with("\"humidity\":50", "\"humidity\":5E1")).humidity()).isEqualTo(50);
        assertThat(observation(with("\"humidity\":50", "\"humidity\":5000e-2")).humidity()).isEqualTo(50);
        // a fraction too small for a double: the literal's double is whole
        assertThat(observation(with("\"dt\":" + B, "\"dt\":" + B + ".00000000001")).observedAt()).isEqualTo(B * 1000);
        // not whole: Double.toString of the double
        assertThat(reason(with("\"humidity\":50", "\"humidity\":12.5")))
                .isEqualTo("field main.humidity is not a whole number: 12.5");
        assertThat(reason(with("\"humidity\":50", "\"humidity\":1.25e1")))
                .isEqualTo("field main.humidity is not a whole number: 12.5");
        assertThat(reason(with("\"dt\":" + B, "\"dt\":1e400"))).isEqualTo("field dt is not a whole number: Infinity");
        assertThat(reason(with("\"deg\":90", "\"deg\":0.0001"))).isEqualTo("field wind.deg is not a whole number: 1.0E-4");
        // whole but out of range: in decimal digits
        assertThat(reason(with("\"id\":" + LONDON, "\"id\":1e19")))
                .isEqualTo("id of 10000000000000000000 is out of range (1..9223372036854775807)");
        assertThat(reason(with("\"id\":" + LONDON, "\"id\":9223372036854775808")))
                .isEqualTo("id of 9223372036854775808 is out of range (1..9223372036854775807)");
        assertThat(reason(with("\"id\":" + LONDON, "\"id\":-0"))).isEqualTo("id of 0 is out of range (1..9223372036854775807)");
        assertThat(reason(with("\"pressure\":1012", "\"pressure\":1.1e3"))).isNull(); // 1100: the bound is included
        assertThat(reason(with("\"pressure\":1012", "\"pressure\":11e2"))).isNull();
        assertThat(reason(with("\"pressure\":1012", "\"pressure\":1101.0")))
                .isEqualTo("main.pressure of 1101 is out of range (800..1100)");
    }

    @Test
    void negativeZero() {
        // -0.0 is a double in 0..150 (−0.0 ≥ 0): kept as read; the integer literal -0 is the integer 0, the double 0.0
        assertThat(observation(with("\"speed\":5.0", "\"speed\":-0.0")).windMs()).isEqualTo(-0.0);
        assertThat(observation(with("\"speed\":5.0", "\"speed\":-0")).windMs()).isEqualTo(0.0);
    }

    // ----- field reasons -----

    static Stream<Arguments> fieldReasons() {
        return Stream.of(
                Arguments.of(with("\"temp\":293.15", "\"temp\":\"293.15\""), "field main.temp is not a number: it is text"),
                Arguments.of(with("\"temp\":293.15", "\"temp\":true"), "field main.temp is not a number: it is a boolean"),
                Arguments.of(with("\"temp\":293.15", "\"temp\":{}"), "field main.temp is not a number: it is an object"),
                Arguments.of(with("\"temp\":293.15", "\"temp\":[293.15]"), "field main.temp is not a number: it is an array"),
                Arguments.of(with("\"temp\":293.15", "\"temp\":null"), "missing field main.temp"),
                Arguments.of(with("\"id\":" + LONDON, "\"id\":\"2643743\""), "field id is not a number: it is text"),
                Arguments.of(with("\"dt\":" + B, "\"dt\":false"), "field dt is not a number: it is a boolean"),
                Arguments.of(with("\"deg\":90", "\"deg\":[]"), "field wind.deg is not a number: it is an array"),
                // a field under something that is not an object is absent
                Arguments.of(with("\"main\":{\"temp\":293.15,\"humidity\":50,\"pressure\":1012}", "\"main\":5"),
                        "missing field main.temp"),
                Arguments.of(with("\"wind\":{\"speed\":5.0,\"deg\":90}", "\"wind\":[5.0,90]"), "missing field wind.speed"),
                // weather[0]: the first element of the array weather
                Arguments.of(with("\"weather\":[{\"id\":800,\"main\":\"Clear\",\"description\":\"clear sky\"}]",
                        "\"weather\":{\"id\":800,\"main\":\"Clear\",\"description\":\"clear sky\"}"),
                        "missing field weather[0].main"),
                Arguments.of(with("\"weather\":[{\"id\":800,\"main\":\"Clear\",\"description\":\"clear sky\"}]",
                        "\"weather\":\"Clear\""), "missing field weather[0].main"),
                Arguments.of(with("\"weather\":[{\"id\":800,\"main\":\"Clear\",\"description\":\"clear sky\"}]",
                        "\"weather\":[]"), "missing field weather[0].main"),
                Arguments.of(with("\"weather\":[{\"id\":800,\"main\":\"Clear\",\"description\":\"clear sky\"}]",
                        "\"weather\":[\"Clear\"]"), "missing field weather[0].main"),
                Arguments.of(with("\"weather\":[{\"id\":800,\"main\":\"Clear\",\"description\":\"clear sky\"}]",
                        "\"weather\":[null,{\"main\":\"Clear\"}]"), "missing field weather[0].main"),
                Arguments.of(with("\"main\":\"Clear\"", "\"main\":null"), "missing field weather[0].main"),
                Arguments.of(with("\"main\":\"Clear\"", "\"main\":[\"Clear\"]"),
                        "field weather[0].main is not text: it is an array"),
                Arguments.of(with("\"main\":\"Clear\"", "\"main\":{}"), "field weather[0].main is not text: it is an object"),
                Arguments.of(with("\"main\":\"Clear\"", "\"main\":false"), "field weather[0].main is not text: it is a boolean"),
                Arguments.of(with("\"description\":\"clear sky\"", "\"description\":5"),
                        "field weather[0].description is not text: it is a number"),
                // characters are code points: 64 emoji (128 chars) are fine, 65 are not
                Arguments.of(with("\"main\":\"Clear\"", "\"main\":\"" + "\uD83C\uDF27".repeat(65) + "\""),
                        "weather[0].main of 65 characters is out of range (0..64)"),
                Arguments.of(with("\"description\":\"clear sky\"", "\"description\":\"" + "\\u00e9".repeat(201) + "\""),
                        "weather[0].description of 201 characters is out of range (0..200)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("fieldReasons")
    void fieldReasonsAsTheContractWordsThem(String json, String reason) {
        assertThat(reason(json)).isEqualTo(reason);
    }

    @Test
    void textWithinItsLimits() {
        assertThat(observation(with("\"main\":\"Clear\"", "\"main\":\"" + "\uD83C\uDF27".repeat(64) + "\"")).condition())
                .hasSize(128);
        assertThat(observation(with("\"main\":\"Clear\"", "\"main\":\"\"")).condition()).isEmpty();
        // description null or absent: main lower-cased (Locale.ROOT: the dotted İ keeps its dot as U+0307)
        Observation o = observation(with("\"main\":\"Clear\",\"description\":\"clear sky\"", "\"main\":\"İSTANBUL Fog\",\"description\":null"));
        assertThat(o.description()).isEqualTo("i\u0307stanbul fog");
        // escapes decoded
        assertThat(observation(with("\"description\":\"clear sky\"", "\"description\":\"a\\\"b\\\\c\\u00e9\\n\"")).description())
                .isEqualTo("a\"b\\c\u00e9\n");
    }

    // ----- the city a document describes (check 5) -----

    @Test
    void aDocumentDescribedCityTakesItsFieldsAndAFixedOffset() {
        String unknown = with("\"id\":" + LONDON, "\"id\":" + UNKNOWN);
        Observation o = observation(unknown);
        assertThat(o.city()).isEqualTo("London");
        assertThat(o.localTime()).isEqualTo("2024-07-01T13:00+01:00");
        assertThat(o.writeTime()).isEqualTo(Oracle.writeTime(B, Oracle.readingKey(UNKNOWN, B, 293.15, 50, 1012, 5.0,
                90, "Clear", "clear sky", "London", "GB", 51.5085, -0.1257, "UTC+01:00")));
        // written as whole numbers in other ways, and an offset with minutes and seconds
        o = observation(unknown.replace("\"timezone\":3600", "\"timezone\":-1.8e4"));
        assertThat(o.localTime()).isEqualTo("2024-07-01T07:00-05:00");
        o = observation(unknown.replace("\"timezone\":3600", "\"timezone\":-64800"));
        assertThat(o.localTime()).isEqualTo("2024-06-30T18:00-18:00");
        o = observation(unknown.replace("\"timezone\":3600", "\"timezone\":45"));
        assertThat(o.localTime()).isEqualTo("2024-07-01T12:00:45+00:00:45");
        assertThat(o.writeTime()).isEqualTo(Oracle.writeTime(B, Oracle.readingKey(UNKNOWN, B, 293.15, 50, 1012, 5.0,
                90, "Clear", "clear sky", "London", "GB", 51.5085, -0.1257, "UTC+00:00:45")));
        // lat/lon: numbers, integer literals too; the bounds are included
        o = observation(unknown.replace("\"lon\":-0.1257,\"lat\":51.5085", "\"lon\":180,\"lat\":-90"));
        assertThat(o.city()).isEqualTo("London");
        // a country of two ASCII letters is kept as written
        assertThat(observation(unknown.replace("\"country\":\"GB\"", "\"country\":\"gB\"")).country()).isEqualTo("gB");
        // lacking: a lat of 1e400, a country of non-ASCII letters, a timezone that is text
        String lacks = "unknown city id 999999999 (not in the city reference data and the document lacks name,"
                + " sys.country, coord or timezone)";
        assertThat(reason(unknown.replace("\"lat\":51.5085", "\"lat\":1e400"))).isEqualTo(lacks);
        assertThat(reason(unknown.replace("\"country\":\"GB\"", "\"country\":\"ÅB\""))).isEqualTo(lacks);
        assertThat(reason(unknown.replace("\"timezone\":3600", "\"timezone\":\"3600\""))).isEqualTo(lacks);
        assertThat(reason(unknown.replace("\"timezone\":3600", "\"timezone\":null"))).isEqualTo(lacks);
        assertThat(reason(unknown.replace("\"name\":\"London\"", "\"name\":\"" + "n".repeat(200) + "\""))).isNull();
        // a known id: the reference data, whatever the document says (even nothing)
        String bare = with("\"name\":\"London\"", "\"name\":null").replace("\"timezone\":3600", "\"timezone\":\"x\"");
        assertThat(observation(bare).city()).isEqualTo("London");
    }
}
