package io.kappa.oracle;

import static io.kappa.oracle.OracleFixtures.B;
import static io.kappa.oracle.OracleFixtures.LONDON;
import static io.kappa.oracle.OracleFixtures.TOKYO;
import static io.kappa.oracle.OracleFixtures.UNKNOWN;
import static io.kappa.oracle.OracleFixtures.WEATHER;
import static io.kappa.oracle.OracleFixtures.defaults;
import static io.kappa.oracle.OracleFixtures.doc;
import static io.kappa.oracle.OracleFixtures.reading;
import static io.kappa.oracle.OracleFixtures.weather;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules 1 and 4 for weather, with the default options: ww = 1 h, L = 1 min, D = 5 s, F = 1 h. B is
 * 2024-07-01T12:00:00Z, the start of an hour. A reading of window [s, s + 3 600 000) is too late when
 * s + 3 599 999 + 60 000 ≤ M − 5 001, i.e. when the partition's earlier maximum M ≥ s + 3 665 000
 * (for the window starting at B: an earlier reading with dt ≥ B + 3665).
 */
class OracleWeatherTest {

    /** The London reading of {@link OracleFixtures#doc} at dt with this temperature, its key by hand. */
    private static long londonKey(long dt, double tempK) {
        return Oracle.readingKey(LONDON, dt, tempK, 50, 1012, 5.0, 90, "Clear", "clear sky",
                "London", "GB", 51.50853, -0.12574, "Europe/London");
    }

    @Test
    void aValidReadingIsEnrichedIntoEveryTable() {
        // 293.15 K → 20.0 °C, 68.0 °F; 5 m/s → 18.0 km/h, Beaufort 3 (3.4 ≤ 5 < 5.5) "Gentle breeze"; 90° → E;
        // feels-like: no heat index (68 °F < 80), no wind chill (20 °C > 10) → 20.0. London is on BST (+01:00).
        Expected e = OracleFixtures.weather(defaults(), reading(0, 0, doc(LONDON, B, 293.15)));
        long k = londonKey(B, 293.15);
        Observation o = new Observation(LONDON, B * 1000, "London", "GB", "2024-07-01T13:00+01:00", 20.0, 68.0, 20.0,
                50, 1012, 5.0, 18.0, 90, 3, "Gentle breeze", "E", "Clear", "clear sky",
                B * 1_000_000 + Long.remainderUnsigned(k, 1_000_000));
        assertThat(e.observations()).containsExactly(Map.entry(new ObservationKey(LONDON, B * 1000), o));
        assertThat(e.latest()).containsExactly(Map.entry(LONDON, o));
        assertThat(e.latestRows().get(LONDON)).isEqualTo(new LatestRow(LONDON, "London", "GB", 5.0, B * 1000,
                "2024-07-01T13:00+01:00", 20.0, 20.0, 18.0, "Gentle breeze", "E", "Clear", o.writeTime()));
        assertThat(e.weatherWindows().values()).containsExactly(new WindowSummary(LONDON, B * 1000,
                B * 1000 + 3_600_000, "London", 1, 20.0, 20.0, 20.0, 18.0, "Clear"));
        assertThat(e.lateWeather()).isEmpty();
        assertThat(e.deadLetters()).isEmpty();
        assertThat(e.warnings()).isEmpty();
    }

    private static String mutated(Consumer<ObjectNode> change) {
        ObjectNode d = doc(LONDON, B, 293.15);
        change.accept(d);
        return d.toString();
    }

    private static ObjectNode obj(ObjectNode d, String field) {
        return (ObjectNode) d.get(field);
    }

    private static ObjectNode first(ObjectNode d) {
        return (ObjectNode) d.get("weather").get(0);
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                Arguments.of(null, "record has no value (null)"),
                Arguments.of("[1, 2]", "not a JSON object"),
                Arguments.of("null", "not a JSON object"),
                Arguments.of("\"text\"", "not a JSON object"),
                Arguments.of(mutated(d -> d.remove("id")), "missing field id"),
                Arguments.of(mutated(d -> d.putNull("id")), "missing field id"),
                Arguments.of(mutated(d -> d.put("id", "London")), "field id is not a number: it is text"),
                Arguments.of(mutated(d -> d.put("id", 1.5)), "field id is not a whole number: 1.5"),
                Arguments.of(mutated(d -> d.put("id", 0)), "id of 0 is out of range (1..9223372036854775807)"),
                Arguments.of(mutated(d -> d.put("dt", 946_684_799L)),
                        "dt of 946684799 is out of range (946684800..4102444800)"),
                Arguments.of(mutated(d -> d.put("dt", 4_102_444_801L)),
                        "dt of 4102444801 is out of range (946684800..4102444800)"),
                Arguments.of(mutated(d -> d.remove("main")), "missing field main.temp"),
                Arguments.of(mutated(d -> obj(d, "main").put("temp", "warm")),
                        "field main.temp is not a number: it is text"),
                Arguments.of(mutated(d -> obj(d, "main").put("temp", 400)),
                        "main.temp of 400.0 K is out of range (150.0..350.0 K)"),
                Arguments.of(mutated(d -> obj(d, "main").put("temp", 149.99)),
                        "main.temp of 149.99 K is out of range (150.0..350.0 K)"),
                Arguments.of(mutated(d -> obj(d, "main").remove("humidity")), "missing field main.humidity"),
                Arguments.of(mutated(d -> obj(d, "main").put("humidity", 50.5)),
                        "field main.humidity is not a whole number: 50.5"),
                Arguments.of(mutated(d -> obj(d, "main").put("humidity", 12.5)),
                        "field main.humidity is not a whole number: 12.5"),
                Arguments.of(mutated(d -> obj(d, "main").put("humidity", true)),
                        "field main.humidity is not a number: it is a boolean"),
                Arguments.of(mutated(d -> obj(d, "main").putObject("humidity")),
                        "field main.humidity is not a number: it is an object"),
                Arguments.of(mutated(d -> obj(d, "main").putArray("humidity").add(50)),
                        "field main.humidity is not a number: it is an array"),
                Arguments.of(mutated(d -> obj(d, "main").put("humidity", 101)),
                        "main.humidity of 101 is out of range (0..100)"),
                Arguments.of(mutated(d -> obj(d, "main").put("pressure", 799)),
                        "main.pressure of 799 is out of range (800..1100)"),
                Arguments.of(mutated(d -> obj(d, "wind").put("speed", -1)),
                        "wind.speed of -1.0 m/s is out of range (0.0..150.0 m/s)"),
                Arguments.of(mutated(d -> d.remove("wind")), "missing field wind.speed"),
                Arguments.of(mutated(d -> obj(d, "wind").put("deg", 361)), "wind.deg of 361 is out of range (0..360)"),
                Arguments.of(mutated(d -> d.putArray("weather")), "missing field weather[0].main"),
                Arguments.of(mutated(d -> d.remove("weather")), "missing field weather[0].main"),
                Arguments.of(mutated(d -> d.putObject("weather").put("main", "Clear")), "missing field weather[0].main"),
                Arguments.of(mutated(d -> d.put("weather", "Clear")), "missing field weather[0].main"),
                Arguments.of(mutated(d -> first(d).putNull("main")), "missing field weather[0].main"),
                Arguments.of(mutated(d -> first(d).put("main", true)), "field weather[0].main is not text: it is a boolean"),
                Arguments.of(mutated(d -> first(d).put("description", 7.5)),
                        "field weather[0].description is not text: it is a number"),
                Arguments.of(mutated(d -> first(d).put("main", 5)), "field weather[0].main is not text: it is a number"),
                Arguments.of(mutated(d -> first(d).put("main", "x".repeat(65))),
                        "weather[0].main of 65 characters is out of range (0..64)"),
                Arguments.of(mutated(d -> first(d).put("description", "y".repeat(201))),
                        "weather[0].description of 201 characters is out of range (0..200)"),
                // the first failing check in the contract's order is the reason
                Arguments.of(mutated(d -> {
                    d.remove("id");
                    obj(d, "main").put("temp", 1);
                }), "missing field id"),
                Arguments.of(mutated(d -> {
                    obj(d, "wind").put("deg", 400);
                    obj(d, "main").put("humidity", 200);
                }), "main.humidity of 200 is out of range (0..100)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidDocuments")
    void invalidDocumentsAreDeadLettersWithTheirReason(String value, String reason) {
        Oracle.Input record = weather(3, 42, B * 1000, value);
        Expected e = OracleFixtures.weather(defaults(), record);
        assertThat(e.deadLetters()).containsExactly(new DeadLetter(WEATHER, 3, 42, B * 1000, "key".getBytes(), null,
                record.value(), null, reason));
        assertThat(e.deadLetters().iterator().next().reason()).isEqualTo(reason); // exactly, not by prefix
        assertThat(e.observations()).isEmpty();
        assertThat(e.latest()).isEmpty();
    }

    @Test
    void notValidJsonIsComparedByItsPrefix() {
        for (String value : List.of("{", "", "   ", "{\"id\": 1} trailing", "{\"id\": 01}", "{'id': 1}")) {
            Expected e = OracleFixtures.weather(defaults(), weather(0, 0, B * 1000, value));
            assertThat(e.deadLetters()).as(value).singleElement()
                    .satisfies(d -> assertThat(d.reason()).startsWith("not valid JSON: "))
                    .satisfies(d -> assertThat(d.comparableReason()).isEqualTo("not valid JSON:"));
        }
        byte[] latin1 = "{\"name\": \"Z\u00fcrich\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Expected e = OracleFixtures.weather(defaults(), new Oracle.Input(WEATHER, 0, 0, 0, null, latin1));
        assertThat(e.deadLetters().iterator().next().reason()).startsWith("not valid JSON: ");
    }

    @Test
    void aDocumentOverTheSizeLimit() {
        Oracle.Settings s = new Oracle.Settings(60_000, 60_000, 5_000, 3_600_000, 1 << 20, 512, 100, 3_600_000,
                OracleFixtures.CITIES, null);
        String value = doc(LONDON, B, 293.15).toString();
        Expected e = OracleFixtures.weather(s, weather(0, 0, B * 1000, value));
        assertThat(e.deadLetters()).extracting(DeadLetter::reason).containsExactly("document of " + value.length()
                + " bytes is longer than the limit of 100 bytes (--max-weather-bytes)");
    }

    @Test
    void dtAtMostFAfterTheRecordsTimestamp() {
        // dt·1000 − timestamp = 3 600 000 = F: valid. One millisecond more: invalid, and the reason gives the exact
        // seconds. 2 h ahead: "7200 s".
        Expected e = OracleFixtures.weather(defaults(),
                weather(0, 0, B * 1000 - 3_600_000, doc(LONDON, B, 293.15).toString()),
                weather(0, 1, B * 1000 - 3_600_001, doc(TOKYO, B, 293.15).toString()),
                weather(0, 2, B * 1000 - 7_200_000, doc(TOKYO, B, 293.15).toString()));
        assertThat(e.observations().keySet()).containsExactly(new ObservationKey(LONDON, B * 1000));
        assertThat(e.deadLetters()).extracting(DeadLetter::offset, DeadLetter::reason).containsExactly(
                tuple(1L, "dt of 1719835200 is 3600.001 s after the record's timestamp, more than --max-dt-ahead"),
                tuple(2L, "dt of 1719835200 is 7200 s after the record's timestamp, more than --max-dt-ahead"));
    }

    @Test
    void invalidRecordsHaveNoEventTime() {
        // Two invalid records claim dt = B + 7200 (one lacks main.temp, one is 2 h ahead of its timestamp); had they
        // event time, W = (B+7200)·1000 − 5001 would make the reading at B + 10 too late. They have none: on time.
        ObjectNode noTemp = doc(TOKYO, B + 7200, 293.15);
        ((ObjectNode) noTemp.get("main")).remove("temp");
        Expected e = OracleFixtures.weather(defaults(),
                weather(0, 0, (B + 7200) * 1000, noTemp.toString()),
                weather(0, 1, B * 1000, doc(TOKYO, B + 7200, 293.15).toString()),
                reading(0, 2, doc(LONDON, B + 10, 293.15)));
        assertThat(e.deadLetters()).hasSize(2);
        assertThat(e.lateWeather()).isEmpty();
        assertThat(e.weatherWindows().keySet()).containsExactly(new WindowKey(LONDON, B * 1000));
    }

    @Test
    void anUnknownCityDescribedByTheDocumentItself() {
        ObjectNode d = doc(UNKNOWN, B, 293.15);
        d.put("name", "Springfield");
        ((ObjectNode) d.get("sys")).put("country", "US");
        ((ObjectNode) d.get("coord")).put("lat", 39.8).put("lon", -89.6);
        d.put("timezone", -18_000);
        Expected e = OracleFixtures.weather(defaults(), reading(0, 0, d));
        long k = Oracle.readingKey(UNKNOWN, B, 293.15, 50, 1012, 5.0, 90, "Clear", "clear sky", "Springfield", "US",
                39.8, -89.6, "UTC-05:00");
        assertThat(e.observations().values()).containsExactly(new Observation(UNKNOWN, B * 1000, "Springfield", "US",
                "2024-07-01T07:00-05:00", 20.0, 68.0, 20.0, 50, 1012, 5.0, 18.0, 90, 3, "Gentle breeze", "E", "Clear",
                "clear sky", Oracle.writeTime(B, k)));
        assertThat(e.weatherWindows().values()).extracting(WindowSummary::city).containsExactly("Springfield");

        // offsets of 0 and of +05:30
        d.put("timezone", 0);
        assertThat(OracleFixtures.weather(defaults(), reading(0, 0, d)).observations().values())
                .extracting(Observation::localTime).containsExactly("2024-07-01T12:00Z");
        d.put("timezone", 19_800);
        assertThat(OracleFixtures.weather(defaults(), reading(0, 0, d)).observations().values())
                .extracting(Observation::localTime).containsExactly("2024-07-01T17:30+05:30");
    }

    static Stream<Arguments> incompleteCityDescriptions() {
        return Stream.<Consumer<ObjectNode>>of(
                d -> d.remove("name"),
                d -> d.put("name", ""),
                d -> d.put("name", "n".repeat(201)),
                d -> d.put("name", 7),
                d -> d.remove("sys"),
                d -> ((ObjectNode) d.get("sys")).put("country", "USA"),
                d -> ((ObjectNode) d.get("sys")).put("country", "U1"),
                d -> d.remove("coord"),
                d -> ((ObjectNode) d.get("coord")).put("lat", 90.5),
                d -> ((ObjectNode) d.get("coord")).put("lon", -180.5),
                d -> ((ObjectNode) d.get("coord")).put("lon", "west"),
                d -> d.remove("timezone"),
                d -> d.put("timezone", 64_801),
                d -> d.put("timezone", 1.5)).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("incompleteCityDescriptions")
    void anUnknownCityWithoutAValidDescription(Consumer<ObjectNode> change) {
        ObjectNode d = doc(UNKNOWN, B, 293.15); // complete as built: London's name, GB, coord and +3600
        assertThat(OracleFixtures.weather(defaults(), reading(0, 0, d)).deadLetters()).isEmpty();
        change.accept(d);
        Expected e = OracleFixtures.weather(defaults(), reading(0, 0, d));
        assertThat(e.deadLetters()).extracting(DeadLetter::reason).containsExactly("unknown city id 999999999 (not in"
                + " the city reference data and the document lacks name, sys.country, coord or timezone)");
        assertThat(e.observations()).isEmpty();
    }

    @Test
    void theReferenceDataWinsOverTheDocumentsOwnFields() {
        ObjectNode d = doc(LONDON, B, 293.15);
        d.put("name", "Londinium");
        ((ObjectNode) d.get("sys")).put("country", "IT");
        d.put("timezone", -18_000);
        d.remove("coord");
        Observation o = OracleFixtures.weather(defaults(), reading(0, 0, d)).latest().get(LONDON);
        assertThat(o.city()).isEqualTo("London");
        assertThat(o.country()).isEqualTo("GB");
        assertThat(o.localTime()).isEqualTo("2024-07-01T13:00+01:00");
        assertThat(o.writeTime()).isEqualTo(Oracle.writeTime(B, londonKey(B, 293.15)));
    }

    @Test
    void descriptionDefaultsToTheConditionInLowerCaseAndWholeNumbersMayHaveAZeroFraction() {
        ObjectNode d = doc(LONDON, B, 0);
        ((ObjectNode) d.get("main")).put("temp", 293); // the JSON integer 293
        ((ObjectNode) d.get("weather").get(0)).put("main", "Thunderstorm").remove("description");
        ((ObjectNode) d.get("main")).put("humidity", 50.0);
        d.put("dt", (double) B); // 1.7198352E9
        Observation o = OracleFixtures.weather(defaults(), weather(0, 0, B * 1000, d.toString())).latest().get(LONDON);
        assertThat(o.description()).isEqualTo("thunderstorm");
        assertThat(o.humidity()).isEqualTo(50);
        assertThat(o.observedAt()).isEqualTo(B * 1000);
        assertThat(o.tempC()).isEqualTo(19.9); // 293 K (JSON 293, read as 293.0)
        assertThat(o.writeTime()).isEqualTo(Oracle.writeTime(B, Oracle.readingKey(LONDON, B, 293.0, 50, 1012, 5.0,
                90, "Thunderstorm", "thunderstorm", "London", "GB", 51.50853, -0.12574, "Europe/London")));
    }

    @Test
    void equalDtTheWinnerIsTheSameWhateverTheOrderAndPartition() {
        // Two different London readings at dt = B (20.0 °C and 21.0 °C), and one at B + 60.
        ObjectNode r1 = doc(LONDON, B, 293.15);
        ObjectNode r2 = doc(LONDON, B, 294.15);
        ObjectNode r3 = doc(LONDON, B + 60, 295.15);
        long k1 = londonKey(B, 293.15);
        long k2 = londonKey(B, 294.15);
        boolean firstWins = Oracle.keyMod(k1) != Oracle.keyMod(k2) ? Oracle.keyMod(k1) > Oracle.keyMod(k2)
                : Long.compareUnsigned(k1, k2) > 0;
        double winnerC = firstWins ? 20.0 : 21.0;
        long winnerWriteTime = B * 1_000_000 + Oracle.keyMod(firstWins ? k1 : k2);

        List<Expected> runs = List.of(
                OracleFixtures.weather(defaults(), reading(0, 0, r1), reading(0, 1, r2), reading(0, 2, r3)),
                OracleFixtures.weather(defaults(), reading(0, 0, r2), reading(0, 1, r1), reading(0, 2, r3)),
                OracleFixtures.weather(defaults(), reading(0, 0, r3), reading(1, 0, r1), reading(2, 0, r2)),
                OracleFixtures.weather(defaults(), reading(1, 0, r2), reading(1, 1, r3), reading(0, 0, r1)));
        for (Expected e : runs) {
            Observation atB = e.observations().get(new ObservationKey(LONDON, B * 1000));
            assertThat(atB.tempC()).isEqualTo(winnerC);
            assertThat(atB.writeTime()).isEqualTo(winnerWriteTime);
            assertThat(e.latest().get(LONDON).observedAt()).isEqualTo((B + 60) * 1000); // larger dt wins
            // one reading per dt: 2 readings, the winner's temperature and 22.0 °C
            WindowSummary w = e.weatherWindows().get(new WindowKey(LONDON, B * 1000));
            assertThat(w.readings()).isEqualTo(2);
            assertThat(w.minTempC()).isEqualTo(winnerC);
            assertThat(w.avgTempC()).isEqualTo(Math.round((winnerC + 22.0) / 2 * 100.0) / 100.0);
            assertThat(e.observations()).isEqualTo(runs.get(0).observations());
            assertThat(e.latest()).isEqualTo(runs.get(0).latest());
            assertThat(e.weatherWindows()).isEqualTo(runs.get(0).weatherWindows());
            assertThat(e.warnings()).isEmpty();
        }
    }

    @Test
    void identicalReadingsAreOneReading() {
        // The same document twice (on two partitions), and again with a different Kafka key and timestamp.
        ObjectNode d = doc(LONDON, B, 293.15);
        Expected e = OracleFixtures.weather(defaults(), reading(0, 0, d), reading(1, 0, d),
                new Oracle.Input(WEATHER, 1, 1, B * 1000 + 5, null, d.toString().getBytes()));
        assertThat(e.observations()).hasSize(1);
        assertThat(e.weatherWindows().get(new WindowKey(LONDON, B * 1000)).readings()).isEqualTo(1);
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void aTooLateReadingUpdatesObservationsAndLatestButNotItsWindow() {
        // Partition 0: Tokyo at B + 3665, then London at B + 10. W = (B+3665)·1000 − 5001 = B·1000 + 3 659 999;
        // London's window [B·1000, +1 h): B·1000 + 3 599 999 + 60 000 = B·1000 + 3 659 999 ≤ W → too late (exactly).
        ObjectNode tokyo = doc(TOKYO, B + 3665, 300.15);
        ObjectNode london = doc(LONDON, B + 10, 280.15);
        Expected e = OracleFixtures.weather(defaults(), reading(0, 0, tokyo), reading(0, 1, london));
        Observation o = e.observations().get(new ObservationKey(LONDON, (B + 10) * 1000));
        assertThat(o.tempC()).isEqualTo(7.0);
        assertThat(e.latest().get(LONDON)).isEqualTo(o);
        assertThat(e.lateWeather()).singleElement().satisfies(late -> {
            assertThat(late.observation()).isEqualTo(o);
            assertThat(List.of(late.topic(), late.partition(), late.offset())).isEqualTo(List.of(WEATHER, 0, 1L));
            assertThat(late.tooLateAt()).as("W(r), exactly the window's last moment counted")
                    .isEqualTo(B * 1000 + 3_659_999);
            assertThat(late.lateReason()).isEqualTo("too late");
            assertThat(late.kafkaKey()).isEqualTo(Long.toString(LONDON));
            assertThat(late.timeZone()).isEqualTo("Europe/London");
            assertThat(o.writeTime()).isEqualTo(Oracle.writeTime(B + 10, late.readingKey()));
        });
        assertThat(e.weatherWindows().keySet()).containsExactly(new WindowKey(TOKYO, B * 1000 + 3_600_000));
    }

    @Test
    void aReadingJustOnTimeIsInItsWindow() {
        // As above with Tokyo at B + 3664: W = B·1000 + 3 658 999 < B·1000 + 3 659 999 → on time.
        Expected e = OracleFixtures.weather(defaults(),
                reading(0, 0, doc(TOKYO, B + 3664, 300.15)), reading(0, 1, doc(LONDON, B + 10, 280.15)));
        assertThat(e.lateWeather()).isEmpty();
        assertThat(e.weatherWindows().keySet()).containsExactly( // sorted by city id: Tokyo's is the smaller
                new WindowKey(TOKYO, B * 1000 + 3_600_000), new WindowKey(LONDON, B * 1000));
    }

    @Test
    void aTooLateReadingAtTheSameDtAsAnOnTimeOneLeavesTheWindowToTheOnTimeOne() {
        // Partition 0: London B (20.0 °C) on time. Partition 1: Tokyo at B + 7200, then London B (21.0 °C), too
        // late there. The observation at B is the winner of both; the window holds only the on-time reading.
        Expected e = OracleFixtures.weather(defaults(),
                reading(0, 0, doc(LONDON, B, 293.15)),
                reading(1, 0, doc(TOKYO, B + 7200, 300.15)), reading(1, 1, doc(LONDON, B, 294.15)));
        assertThat(e.lateWeather()).extracting(l -> l.observation().tempC()).containsExactly(21.0);
        WindowSummary w = e.weatherWindows().get(new WindowKey(LONDON, B * 1000));
        assertThat(w.readings()).isEqualTo(1);
        assertThat(w.maxTempC()).isEqualTo(20.0);
        long k1 = londonKey(B, 293.15);
        long k2 = londonKey(B, 294.15);
        boolean firstWins = Oracle.keyMod(k1) != Oracle.keyMod(k2) ? Oracle.keyMod(k1) > Oracle.keyMod(k2)
                : Long.compareUnsigned(k1, k2) > 0;
        assertThat(e.observations().get(new ObservationKey(LONDON, B * 1000)).tempC()).isEqualTo(firstWins ? 20.0 : 21.0);
    }

    private static ObjectNode londonAt(long dt, double tempK, String condition, double windMs) {
        ObjectNode d = doc(LONDON, dt, tempK);
        ((ObjectNode) d.get("weather").get(0)).put("main", condition).remove("description");
        ((ObjectNode) d.get("wind")).put("speed", windMs);
        return d;
    }

    @Test
    void windowSummaries() {
        // Window B: 20.0 °C Rain 18.0 km/h; 22.1 °C Clear 36.0 km/h; 16.9 °C Rain 9.0 km/h.
        //   readings 3, min 16.9, max 22.1, avg 59.0 / 3 = 19.666… → 19.67, max wind 36.0, top Rain (2 of 3).
        // Window B + 1 h: Rain, Clear once each → the tie goes to the alphabetically first, Clear.
        Expected e = OracleFixtures.weather(defaults(),
                reading(0, 0, londonAt(B, 293.15, "Rain", 5.0)),
                reading(0, 1, londonAt(B + 60, 295.25, "Clear", 10.0)),
                reading(0, 2, londonAt(B + 120, 290.05, "Rain", 2.5)),
                reading(0, 3, londonAt(B + 3600, 290.15, "Rain", 1.0)),
                reading(0, 4, londonAt(B + 3660, 291.15, "Clear", 1.0)));
        assertThat(e.weatherWindows().values()).containsExactly(
                new WindowSummary(LONDON, B * 1000, B * 1000 + 3_600_000, "London", 3, 16.9, 22.1, 19.67, 36.0, "Rain"),
                new WindowSummary(LONDON, B * 1000 + 3_600_000, B * 1000 + 7_200_000, "London", 2, 17.0, 18.0, 17.5,
                        3.6, "Clear"));
    }
}
