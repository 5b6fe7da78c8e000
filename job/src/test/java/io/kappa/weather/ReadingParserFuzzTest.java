package io.kappa.weather;

import static io.kappa.testing.WeatherDocs.LONDON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.kappa.core.RawRecord;
import io.kappa.testing.WeatherDocs;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * No content can make the weather parser throw anything but {@link ReadingParser.Invalid} with a short reason:
 * random bytes, valid documents mutated byte by byte, structural mutations (fields of every JSON type, duplicated
 * names, numbers of every shape), documents nested far deeper than {@link ReadingParser#MAX_DEPTH} and documents at
 * the size limit. The property is the one the job relies on: a record is a reading or a dead letter with its reason.
 */
class ReadingParserFuzzTest {
    private static final int MAX_BYTES = 65_536;
    private static final ReadingParser PARSER = new ReadingParser(CityDirectory.bundled(), MAX_BYTES, 3_600_000);
    private static final String VALID = WeatherDocs.json(LONDON, 1_763_800_000L, 283.15, 81, 4.1, 250, "Clouds");

    /** A reason is one line, never longer than the limits of rule 4 allow (a field quoted is cut to 100 characters). */
    private static final int MAX_REASON_CHARS = 400;

    private static void isAReadingOrAReason(byte[] value) {
        RawRecord record = WeatherDocs.record(0, 0, 4_102_444_800_000L, null);
        record.value = value;
        try {
            Reading r = PARSER.parse(record);
            assertThat(r.cityId).isPositive();
            assertThat(r.city).isNotEmpty();
        } catch (ReadingParser.Invalid e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            assertThat(e.getMessage().length()).isLessThanOrEqualTo(MAX_REASON_CHARS);
        }
        // the source's event-time assigner runs the same parse and must never throw either
        assertThatCode(() -> PARSER.eventTime(record)).doesNotThrowAnyException();
    }

    @Property(tries = 2000)
    void randomBytes(@ForAll @Size(max = 300) byte[] value) {
        isAReadingOrAReason(value);
    }

    @Property(tries = 3000)
    void aValidDocumentWithBytesChanged(@ForAll("byteMutations") byte[] value) {
        isAReadingOrAReason(value);
    }

    @Property(tries = 3000)
    void aValidDocumentWithAFieldReplaced(@ForAll("fieldReplacements") String doc) {
        isAReadingOrAReason(doc.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void deepNesting(@ForAll @IntRange(min = 1, max = 40_000) int depth, @ForAll boolean objects,
                     @ForAll("fields") String field) {
        StringBuilder doc = new StringBuilder(VALID.substring(0, VALID.length() - 1)).append(",\"").append(field)
                .append("x\":");
        doc.append((objects ? "{\"a\":" : "[").repeat(depth)).append("1").append((objects ? "}" : "]").repeat(depth));
        doc.append('}');
        isAReadingOrAReason(doc.toString().getBytes(StandardCharsets.UTF_8));
        // and the deep value in place of a field the parser reads and quotes in its reason
        String inPlace = VALID.replace("\"humidity\":81", "\"humidity\":" + (objects ? "{\"a\":" : "[").repeat(depth) + "1"
                + (objects ? "}" : "]").repeat(depth));
        isAReadingOrAReason(inPlace.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void documentsAtTheSizeLimitAndBeyond() {
        for (int size : new int[] {MAX_BYTES - 1, MAX_BYTES, MAX_BYTES + 1, 1_200_000}) {
            String padding = "\"pad\":\"" + "x".repeat(Math.max(0, size - VALID.length() - 9)) + "\",";
            String doc = "{" + padding + VALID.substring(1);
            isAReadingOrAReason(doc.getBytes(StandardCharsets.UTF_8));
            isAReadingOrAReason(("[" + "1,".repeat(size / 2) + "1]").getBytes(StandardCharsets.UTF_8));
            isAReadingOrAReason(("{\"id\":\"" + "\\u0000".repeat(size / 6) + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theLimitsHaveTheirReasons() throws Exception {
        String deep = VALID.replace("\"humidity\":81", "\"humidity\":" + "[".repeat(40) + "]".repeat(40));
        assertThat(reason(deep)).isEqualTo("not valid JSON: nested deeper than 32 levels");
        String longNumber = VALID.replace("\"humidity\":81", "\"humidity\":" + "1".repeat(101));
        assertThat(reason(longNumber)).isEqualTo("not valid JSON: a number of more than 100 digits");
        String longest = VALID.replace("\"humidity\":81", "\"humidity\":-" + "1".repeat(100));
        assertThat(reason(longest)).as("100 digits and a sign").isEqualTo("main.humidity of -" + "1".repeat(100)
                + " is out of range (0..100)");
        String twice = VALID.replace("\"humidity\":81", "\"humidity\":81,\"humidity\":82");
        assertThat(reason(twice)).isEqualTo("not valid JSON: duplicate field 'humidity'");
        String text = VALID.replace("\"humidity\":81", "\"humidity\":\"" + "é".repeat(300) + "\"");
        assertThat(reason(text)).isEqualTo("field main.humidity is not a number: it is text");
        assertThat(reason(VALID.replace("\"humidity\":81", "\"humidity\":12.5")))
                .isEqualTo("field main.humidity is not a whole number: 12.5");
        assertThat(reason(VALID.replace("\"humidity\":81", "\"humidity\":[1]")))
                .isEqualTo("field main.humidity is not a number: it is an array");
        assertThat(reason(VALID.replace("\"temp\":283.15", "\"temp\":283." + "1".repeat(98))))
                .as("fraction digits count too").isEqualTo("not valid JSON: a number of more than 100 digits");
        assertThat(reason(VALID.replace("\"Clouds\"", "\"Cl\\ud800ouds\"")))
                .isEqualTo("field weather[0].main is not text: it has an unpaired surrogate");
        String longName = VALID.replace("\"base\":\"stations\"", "\"" + "n".repeat(60_000) + "\":1");
        assertThat(reason(longName)).as("a long name within the size limit").isNull();
        assertThat(reason(VALID.replace("\"temp\":283.15", "\"temp\":1e400")))
                .isEqualTo("main.temp of Infinity K is out of range (150.0..350.0 K)");
    }

    private static String reason(String doc) {
        try {
            PARSER.parse(WeatherDocs.record(0, doc));
            return null;
        } catch (ReadingParser.Invalid e) {
            return e.getMessage();
        }
    }

    @Provide
    Arbitrary<byte[]> byteMutations() {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        return Combinators.combine(Arbitraries.integers().between(0, valid.length - 1),
                        Arbitraries.integers().between(0, 3), Arbitraries.bytes(), Arbitraries.integers().between(1, 20))
                .as((at, kind, b, n) -> {
                    byte[] out;
                    switch (kind) {
                        case 0 -> { // overwrite a byte
                            out = valid.clone();
                            out[at] = b;
                        }
                        case 1 -> { // delete n bytes
                            int end = Math.min(valid.length, at + n);
                            out = new byte[valid.length - (end - at)];
                            System.arraycopy(valid, 0, out, 0, at);
                            System.arraycopy(valid, end, out, at, valid.length - end);
                        }
                        case 2 -> { // insert a byte n times
                            out = new byte[valid.length + n];
                            System.arraycopy(valid, 0, out, 0, at);
                            java.util.Arrays.fill(out, at, at + n, b);
                            System.arraycopy(valid, at, out, at + n, valid.length - at);
                        }
                        default -> out = java.util.Arrays.copyOf(valid, at); // cut
                    }
                    return out;
                });
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of("id", "dt", "temp", "humidity", "pressure", "speed", "deg", "main", "description", "name",
                "country", "lat", "lon", "timezone", "weather");
    }

    /** Every field the parser reads, given a value of every JSON shape, or removed, or repeated. */
    @Provide
    Arbitrary<String> fieldReplacements() {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "[]", "{}", "\"\"", "[null]", "[{}]", "0", "-0", "-1", "1e400",
                        "-1e400", "1.7E9", "1.7e+9", "2643743.0", "2643743.5", "9223372036854775807",
                        "9223372036854775808", "-9223372036854775809", "1e-400", "4102444800", "4102444801",
                        "946684799", "0.0000001", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"", "\"é\"",
                        "[{\"main\":\"Clear\"}]", "[{\"main\":1}]", "{\"main\":\"Clear\"}"),
                Arbitraries.strings().ofMaxLength(300).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.doubles().map(d -> Double.toString(d)).filter(s -> !s.contains("Infinity") && !s.contains("NaN")),
                Arbitraries.longs().map(l -> Long.toString(l)),
                Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(150));
        Arbitrary<String> field = Arbitraries.of("\"id\":2643743", "\"dt\":1763800000", "\"temp\":283.15",
                "\"humidity\":81", "\"pressure\":1012", "\"speed\":4.10", "\"deg\":250", "\"main\":\"Clouds\"",
                "\"description\":\"clouds sky\"", "\"name\":\"London\"", "\"country\":\"GB\"", "\"lat\":51.5085",
                "\"lon\":-0.1257", "\"timezone\":0");
        return Combinators.combine(field, values, Arbitraries.integers().between(0, 3)).as((f, v, how) -> {
            String name = f.substring(0, f.indexOf(':'));
            return switch (how) {
                case 0 -> VALID.replace(f, name + ":" + v);
                case 1 -> VALID.replace(f, f + "," + name + ":" + v);
                case 2 -> VALID.replace("\"id\":2643743", "\"id\":99999999").replace(f, name + ":" + v);
                default -> VALID.replace(f + ",", "").replace("," + f, "");
            };
        });
    }
}
