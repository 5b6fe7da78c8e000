package io.kappa.oracle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Inputs for the model's tests. */
final class OracleFixtures {
    private OracleFixtures() {}

    static final Cities CITIES = Cities.bundled();
    static final ObjectMapper JSON = new ObjectMapper();

    static final String WORDS = "words";
    static final String WEATHER = "weather";

    static final long LONDON = 2643743;  // Europe/London, in the bundled reference data
    static final long TOKYO = 1850147;   // Asia/Tokyo
    static final long UNKNOWN = 999_999_999; // not in the bundled reference data

    /** 2024-07-01T12:00:00Z, epoch seconds; the start of an hour (a weather window with ww = 1 h). */
    static final long B = 1_719_835_200L;

    /**
     * Small word settings that are easy to work by hand: window w = 10 ms, allowed lateness L = 5, D = 2,
     * lines of at most 32 bytes, words of at most 4 bytes. A record in window [s, s+10) is too late when
     * s + 9 + 5 ≤ M − 2 − 1, i.e. when the partition's earlier maximum M ≥ s + 17.
     */
    static Oracle.Settings smallWords() {
        return new Oracle.Settings(10, 5, 2, 3_600_000, 32, 4, 64 << 10, 3_600_000, CITIES, null);
    }

    static Oracle.Settings defaults() {
        return Oracle.Settings.defaults(CITIES);
    }

    static Oracle.Input word(int partition, long offset, long timestamp, String line) {
        return new Oracle.Input(WORDS, partition, offset, timestamp, null,
                line == null ? null : line.getBytes(StandardCharsets.UTF_8));
    }

    static Oracle.Input wordBytes(int partition, long offset, long timestamp, byte[] value) {
        return new Oracle.Input(WORDS, partition, offset, timestamp, null, value);
    }

    /** A London document at dt with the given temperature; Clear, 50 %, 1012 hPa, 5 m/s from 90°. */
    static ObjectNode doc(long cityId, long dt, double tempK) {
        ObjectNode d = JSON.createObjectNode();
        d.putObject("coord").put("lon", -0.1257).put("lat", 51.5085);
        d.putArray("weather").addObject().put("id", 800).put("main", "Clear").put("description", "clear sky");
        d.putObject("main").put("temp", tempK).put("humidity", 50).put("pressure", 1012);
        d.putObject("wind").put("speed", 5.0).put("deg", 90);
        d.put("dt", dt);
        d.putObject("sys").put("country", "GB");
        d.put("timezone", 3600);
        d.put("id", cityId);
        d.put("name", "London");
        return d;
    }

    /** A weather record whose Kafka timestamp is its dt (so rule 4.4 holds). */
    static Oracle.Input reading(int partition, long offset, ObjectNode doc) {
        return weather(partition, offset, doc.path("dt").asLong() * 1000, doc.toString());
    }

    static Oracle.Input weather(int partition, long offset, long timestamp, String value) {
        return new Oracle.Input(WEATHER, partition, offset, timestamp, "key".getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static Expected words(Oracle.Settings s, Oracle.Input... records) {
        return Oracle.compute(s, Arrays.asList(records), List.of());
    }

    static Expected weather(Oracle.Settings s, Oracle.Input... records) {
        return Oracle.compute(s, List.of(), Arrays.asList(records));
    }

    static WordRow row(long windowStart, String word, long windowEnd, long count) {
        return new WordRow(windowStart, word, windowEnd, count);
    }

    static List<WordRow> rows(Expected e) {
        return new ArrayList<>(e.wordCounts().values());
    }
}
