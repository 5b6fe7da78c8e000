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

    private static List<String> reasons(String... docs) throws Exception {
        OneInputStreamOperatorTestHarness<RawRecord, Reading> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseWeatherReadings(CityDirectory.bundled()));
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
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseWeatherReadings(CityDirectory.bundled()));
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
                json(999_999_999L, DT, 283.15, 81, 4.1, 250, "Clear"),
                ok)).containsExactly(
                "record has no value (null)",
                reasons("{\"id\": 2643743, \"dt\": ").get(0),
                "not a JSON object",
                "missing field main.temp",
                "field main.temp is not a number: \"warm\"",
                "main.temp of -5.0 K is out of range (150.0..350.0 K)",
                "main.humidity of 140 is out of range (0..100)",
                "wind.speed of -1.0 m/s is out of range (0.0..150.0 m/s)",
                "wind.deg of 400 is out of range (0..360)",
                "dt of 12 is out of range (946684800..4102444800)",
                "missing field weather[0].main (text)",
                "unknown city id 999999999 (not in the city reference data; see --cities)");
        assertThat(reasons("{\"id\": 2643743, \"dt\": ").get(0)).startsWith("not valid JSON: ");
    }
}
