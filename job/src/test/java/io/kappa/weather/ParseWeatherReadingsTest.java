package io.kappa.weather;

import static io.kappa.testing.WeatherDocs.LONDON;
import static io.kappa.testing.WeatherDocs.json;
import static io.kappa.testing.WeatherDocs.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseWeatherReadingsTest {
    private static final long DT = 1_763_800_000L;
    private static final ReadingParser PARSER = new ReadingParser(CityDirectory.bundled(), 65_536, 3_600_000);

    private static List<String> reasons(String... docs) throws Exception {
        OneInputStreamOperatorTestHarness<RawRecord, Reading> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseWeatherReadings(PARSER));
        long offset = 0;
        for (String d : docs) {
            h.processElement(record(offset++, d), 0L);
        }
        var dead = h.getSideOutput(ParseWeatherReadings.DEAD_LETTERS);
        return dead == null ? List.of() : dead.stream().map(r -> ((DeadLetter) r.getValue()).reason).collect(Collectors.toList());
    }

    @Test
    void aValidDocumentIsParsedInItsSourceUnits() throws Exception {
        OneInputStreamOperatorTestHarness<RawRecord, Reading> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseWeatherReadings(PARSER));
        h.processElement(record(0, json(LONDON, DT, 283.15, 81, 4.1, 250, "Clouds")), 0L);
        Reading r = h.extractOutputValues().get(0);
        assertThat(r.cityId).isEqualTo(LONDON);
        assertThat(r.dt).isEqualTo(DT);
        assertThat(r.tempK).isEqualTo(283.15);
        assertThat(r.humidity).isEqualTo(81);
        assertThat(r.pressure).isEqualTo(1012);
        assertThat(r.windMs).isEqualTo(4.1);
        assertThat(r.windDeg).isEqualTo(250);
        assertThat(r.condition).isEqualTo("Clouds");
        assertThat(r.description).isEqualTo("clouds sky");
    }

    @Test
    void everyKindOfBadDocumentIsRejectedWithItsReason() throws Exception {
        String ok = json(LONDON, DT, 283.15, 81, 4.1, 250, "Clear");
        assertThat(reasons(
                null,
                "{\"id\": 2643743, \"dt\": ",
                "[1, 2, 3]",
                ok.replace("\"temp\":283.15,", ""),
                ok.replace("\"temp\":283.15", "\"temp\":\"warm\""),
                json(LONDON, DT, -5, 81, 4.1, 250, "Clear"),
                json(LONDON, DT, 283.15, 140, 4.1, 250, "Clear"),
                json(LONDON, DT, 283.15, 81, -1, 250, "Clear"),
                json(LONDON, DT, 283.15, 81, 4.1, 400, "Clear"),
                json(LONDON, 12, 283.15, 81, 4.1, 250, "Clear"),
                ok.replace("\"weather\":[{\"id\":800,\"main\":\"Clear\",\"description\":\"clear sky\",\"icon\":\"01d\"}]",
                        "\"weather\":[]"),
                json(999_999_999L, DT, 283.15, 81, 4.1, 250, "Clear").replace("\"timezone\":0,", ""),
                ok)).containsExactly(
                "record has no value (null)",
                reasons("{\"id\": 2643743, \"dt\": ").get(0),
                "not a JSON object",
                "missing field main.temp",
                "field main.temp is not a number: it is text",
                "main.temp of -5.0 K is out of range (150.0..350.0 K)",
                "main.humidity of 140 is out of range (0..100)",
                "wind.speed of -1.0 m/s is out of range (0.0..150.0 m/s)",
                "wind.deg of 400 is out of range (0..360)",
                "dt of 12 is out of range (946684800..4102444800)",
                "missing field weather[0].main",
                "unknown city id 999999999 (not in the city reference data and the document lacks name, sys.country, "
                        + "coord or timezone)");
        assertThat(reasons("{\"id\": 2643743, \"dt\": ").get(0)).startsWith("not valid JSON: ");
    }

    private static Reading parse(long recordTimestamp, String doc) throws ReadingParser.Invalid {
        return PARSER.parse(io.kappa.testing.WeatherDocs.record(0, 0, recordTimestamp, doc));
    }

    private static String reason(long recordTimestamp, String doc) {
        try {
            parse(recordTimestamp, doc);
            return null;
        } catch (ReadingParser.Invalid e) {
            return e.getMessage();
        }
    }

    @Test
    void theCoursesCitiesAreEnrichedFromTheReferenceDataOrFromTheirOwnDocument() throws Exception {
        // Chicago, Miami and San Francisco, the course producer's ids: known to the bundled list
        for (long id : new long[] {4887398, 4164138, 5391959}) {
            assertThat(parse(DT * 1000, json(id, DT, 290, 50, 3, 90, "Clear")).city).isNotBlank();
        }
        // a city no reference data knows, described by its document: its name, country, position and UTC offset
        String doc = json(999_999_999L, DT, 290, 50, 3, 90, "Clear").replace("\"name\":\"London\"", "\"name\":\"Nowhere\"")
                .replace("\"country\":\"GB\"", "\"country\":\"ZZ\"").replace("\"timezone\":0", "\"timezone\":-18000");
        Reading r = parse(DT * 1000, doc);
        assertThat(r.city + " " + r.country + " " + r.lat + " " + r.lon + " " + r.timeZone)
                .isEqualTo("Nowhere ZZ 51.5085 -0.1257 UTC-05:00");
        assertThat(EnrichWeather.enrich(r).localTime).endsWith("-05:00");
        // the reference data wins where it knows the city, whatever the document says
        assertThat(parse(DT * 1000, json(LONDON, DT, 290, 50, 3, 90, "Clear").replace("\"London\"", "\"Londres\"")).city)
                .isEqualTo("London");
    }

    @Test
    void aDtFurtherAheadOfItsRecordThanAllowedIsAWrongClock() {
        String doc = json(LONDON, DT, 290, 50, 3, 90, "Clear");
        assertThat(reason(DT * 1000 - 3_600_000, doc)).isNull();                      // exactly one hour ahead: fine
        assertThat(reason(DT * 1000 - 3_600_001, doc))
                .isEqualTo("dt of " + DT + " is 3600.001 s after the record's timestamp, more than --max-dt-ahead");
        assertThat(reason(0, json(LONDON, 4_102_444_800L, 290, 50, 3, 90, "Clear")))
                .startsWith("dt of 4102444800 is 4102444800 s after"); // the year 2100 does not become the latest for ever
    }

    @Test
    void onlyStrictUtf8JsonWithNothingAfterItAndBoundedText() {
        String ok = json(LONDON, DT, 290, 50, 3, 90, "Clear");
        assertThat(reason(DT * 1000, ok + " {}")).startsWith("not valid JSON: ");
        assertThat(reason(DT * 1000, "")).isEqualTo("not valid JSON: no value (empty document)");
        assertThat(reason(DT * 1000, ok.replace("\"main\":\"Clear\"", "\"main\":\"" + "c".repeat(65) + "\"")))
                .isEqualTo("weather[0].main of 65 characters is out of range (0..64)");
        assertThat(reason(DT * 1000, ok.replace("\"main\":\"Clear\"", "\"main\":7")))
                .isEqualTo("field weather[0].main is not text: it is a number");
        assertThat(reason(DT * 1000, ok.replace("\"humidity\":50", "\"humidity\":50.0"))).isNull(); // whole
        assertThat(reason(DT * 1000, ok.replace("\"humidity\":50", "\"humidity\":1E30")))
                .isEqualTo("main.humidity of 1000000000000000019884624838656 is out of range (0..100)");
        byte[] latin1 = ok.replace("clear sky", "cl\u00e9ar").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try {
            PARSER.parse(new RawRecord("weather", 0, 0, DT * 1000, null, latin1));
        } catch (ReadingParser.Invalid e) {
            assertThat(e.getMessage()).startsWith("not valid JSON: not UTF-8");
            return;
        }
        throw new AssertionError("a Latin-1 document was accepted");
    }
}
