package io.kappa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.generate.Cities;
import io.kappa.client.kafka.Produce;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.generate.WeatherSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    private record Sent(byte[] key, byte[] value, long timestamp) {}

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Fingerprint of(List<Sent> records) {
        Fingerprint f = new Fingerprint();
        records.forEach(r -> f.add(r.key(), r.timestamp(), r.value()));
        return f;
    }

    @Test
    void theOrderOfTheRecordsDoesNotMatterTheirKeyTimestampAndValueDo() {
        List<Sent> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(new Sent(utf8("line-" + i), utf8("word " + i), 1_000L * i));
        }
        Fingerprint f = of(records);
        List<Sent> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new java.util.Random(7));
        assertThat(of(shuffled).matches(f)).isTrue();
        assertThat(of(shuffled).toString()).isEqualTo(f.toString()).startsWith("100 records, ");

        List<Sent> otherValue = new ArrayList<>(records);
        otherValue.set(5, new Sent(utf8("line-5"), utf8("word 6"), 5_000));
        List<Sent> otherTime = new ArrayList<>(records);
        otherTime.set(5, new Sent(utf8("line-5"), utf8("word 5"), 5_001));
        List<Sent> otherKey = new ArrayList<>(records);
        otherKey.set(5, new Sent(utf8("line-6"), utf8("word 5"), 5_000));
        List<Sent> fewer = records.subList(1, records.size());
        for (List<Sent> other : List.of(otherValue, otherTime, otherKey, fewer)) {
            assertThat(of(other).matches(f)).isFalse();
        }
    }

    @Test
    void bytesDoNotMoveBetweenKeyAndValue() {
        assertThat(Fingerprint.hash(utf8("ab"), 0, utf8("c"))).isNotEqualTo(Fingerprint.hash(utf8("a"), 0, utf8("bc")));
        assertThat(Fingerprint.hash(null, 0, utf8("c"))).isNotEqualTo(Fingerprint.hash(new byte[0], 0, utf8("c")));
    }

    @Test
    void theGeneratorsFingerprintIsThatOfTheRecordsTheyProduceInAnyOrder() {
        TextGenerator.Spec text = new TextGenerator.Spec(500, 50, 5, 10, 1.0, 0, Duration.ofMinutes(10), 0,
                Duration.ZERO, 0, Duration.ZERO, 42);
        WeatherSimulator.Spec weather = new WeatherSimulator.Spec(Cities.featured().subList(0, 5), 0,
                Duration.ofMinutes(10), Duration.ofMinutes(1), 42, 0, 0, 0);
        List<Sent> produced = new ArrayList<>();
        Produce.Records capture = (k, v, ts) -> produced.add(new Sent(k, v, ts));
        Fingerprint fromText = new Fingerprint();
        assertThat(Produce.generateInto(text, fromText).lines()).isEqualTo(500);
        Produce.generateInto(text, capture);
        Collections.reverse(produced);
        assertThat(of(produced).matches(fromText)).isTrue();

        produced.clear();
        Fingerprint fromWeather = new Fingerprint();
        Produce.simulateInto(weather, fromWeather);
        Produce.simulateInto(weather, capture);
        Collections.reverse(produced);
        assertThat(of(produced).matches(fromWeather)).isTrue();
        assertThat(fromWeather.records()).isEqualTo(50);
        assertThat(fromWeather.matches(fromText)).isFalse();
    }
}
