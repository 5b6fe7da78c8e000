package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.Deadline;
import io.kappa.client.flink.JobRunner;
import io.kappa.kafka.DeadLetterSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worst records Kafka accepts, each of which once stopped a live job or could have (a 1.2 MB key with no value:
 * its dead letter was larger than the side topic's producer allows, and the record came back after every restart),
 * produced into a live job on the session cluster: every one becomes a row or a dead letter with its reason, and
 * the job never fails over.
 */
class HostileInputIT {
    private static final long MIN = 60_000;

    @RegisterExtension
    static final RealStack STACK = RealStack.shared();

    private static byte[] bytes(int n, char c) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) c);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noRecordFailsTheJobEachIsARowOrADeadLetter() throws Exception {
        STACK.createTopics("hostile", 1);
        long t0 = (System.currentTimeMillis() / MIN - 10) * MIN;
        byte[] hugeKey = bytes(1_200_000, 'k');
        // words: what each record is, and whether it is a dead letter
        Map<String, ProducerRecord<byte[], byte[]>> words = new LinkedHashMap<>();
        words.put("a 1.2 MB key and no value", new ProducerRecord<>("hostile-words", 0, t0, hugeKey, (byte[]) null));
        words.put("a 1.2 MB key and a good line", new ProducerRecord<>("hostile-words", 0, t0 + 1, hugeKey, utf8("huge key ok")));
        words.put("a 2 MB line and a 1.2 MB key", new ProducerRecord<>("hostile-words", 0, t0 + 2, hugeKey, bytes(2_000_000, 'x')));
        words.put("invalid UTF-8 in key and value", new ProducerRecord<>("hostile-words", 0, t0 + 3,
                new byte[] {(byte) 0xC3, 0x28}, new byte[] {'o', 'k', (byte) 0xFF}));
        words.put("one word of 1 MiB - 10 bytes", new ProducerRecord<>("hostile-words", 0, t0 + 4, null, bytes(1_048_566, 'w')));
        RecordHeaders heavy = new RecordHeaders();
        for (int i = 0; i < 50; i++) {
            heavy.add("h" + i, bytes(20_000, 'h'));
        }
        words.put("1 MB of headers and a good line", new ProducerRecord<>("hostile-words", 0, t0 + 5, null,
                utf8("heavy headers ok"), heavy));
        words.put("controls, joiners and unpaired halves", new ProducerRecord<>("hostile-words", 0, t0 + 6, null,
                utf8("ctl\u0000\u0007 bell")));
        // a later line moves event time past the others' window, so that it fires
        words.put("a good line later", new ProducerRecord<>("hostile-words", 0, t0 + 5 * MIN, null, utf8("later")));
        List<String> wordDead = List.of("a 1.2 MB key and no value", "a 2 MB line and a 1.2 MB key",
                "invalid UTF-8 in key and value", "one word of 1 MiB - 10 bytes");

        String ok = "{\"coord\":{\"lon\":-0.1257,\"lat\":51.5085},\"weather\":[{\"main\":\"Clouds\"}],"
                + "\"main\":{\"temp\":283.15,\"pressure\":1012,\"humidity\":81},\"wind\":{\"speed\":4.1,\"deg\":250},"
                + "\"dt\":" + t0 / 1000 + ",\"sys\":{\"country\":\"GB\"},\"timezone\":0,\"id\":2643743,\"name\":\"London\"}";
        Map<String, ProducerRecord<byte[], byte[]>> weather = new LinkedHashMap<>();
        weather.put("nested 30,000 deep", weatherRecord(t0, null, "{\"id\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}"));
        weather.put("a field nested 10,000 deep", weatherRecord(t0, null, ok.replace("\"humidity\":81",
                "\"humidity\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))));
        weather.put("a 1.2 MB key and no value", new ProducerRecord<>("hostile-weather", 0, t0, hugeKey, (byte[]) null));
        weather.put("a 2.5 MB document", weatherRecord(t0, hugeKey, "{\"pad\":\"" + "p".repeat(2_500_000) + "\"}"));
        weather.put("a field twice", weatherRecord(t0, null, ok.replace("\"humidity\":81", "\"humidity\":81,\"humidity\":1")));
        weather.put("numbers beyond double", weatherRecord(t0, null, ok.replace("\"temp\":283.15", "\"temp\":1e400")));
        weather.put("a number of 5,000 digits", weatherRecord(t0, null, ok.replace("\"humidity\":81", "\"humidity\":"
                + "9".repeat(5_000))));
        weather.put("invalid UTF-8", new ProducerRecord<>("hostile-weather", 0, t0, null, new byte[] {'{', (byte) 0xFE, '}'}));
        weather.put("a good reading with a 1.2 MB key", weatherRecord(t0, hugeKey, ok));
        int weatherDead = weather.size() - 1;

        Properties big = new Properties();
        big.put("bootstrap.servers", STACK.bootstrapServers());
        big.put("max.request.size", 5 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(big, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (var r : words.values()) {
                RealStack.await(p.send(r), "a hostile words record acknowledged", Duration.ofMinutes(1));
            }
            for (var r : weather.values()) {
                RealStack.await(p.send(r), "a hostile weather record acknowledged", Duration.ofMinutes(1));
            }
        }

        JobRunner runner = STACK.runner();
        String job = runner.start(runner.upload(STACK.jobJar()), STACK.jobArgs("hostile").keyspace("hostile")
                .idleness(Duration.ZERO).checkpointInterval(Duration.ofSeconds(2)), 1);
        try {
            List<ConsumerRecord<byte[], byte[]>> dead = STACK.awaitRecords("hostile-dead", wordDead.size() + weatherDead);
            Deadline.await("the good lines counted", Duration.ofMinutes(1),
                    () -> STACK.wordCounts("hostile").keySet().stream().anyMatch(k -> k.endsWith("heavy")));
            Map<String, List<String>> reasons = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> d : dead) {
                String reason = new String(d.headers().lastHeader(DeadLetterSerializer.REASON).value(), StandardCharsets.UTF_8);
                reasons.computeIfAbsent(d.headers().lastHeader(DeadLetterSerializer.SOURCE_TOPIC) == null ? "?"
                        : new String(d.headers().lastHeader(DeadLetterSerializer.SOURCE_TOPIC).value(),
                        StandardCharsets.UTF_8), k -> new ArrayList<>()).add(reason);
                assertThat(d.serializedKeySize() + d.serializedValueSize()).isLessThanOrEqualTo(2 * 65_536);
                if (d.key() != null && d.key().length == DeadLetterSerializer.MAX_VALUE_BYTES) {
                    assertThat(new String(d.headers().lastHeader(DeadLetterSerializer.KEY_TRUNCATED).value(),
                            StandardCharsets.UTF_8)).isEqualTo("1200000");
                }
            }
            reasons.forEach((topic, rs) -> rs.forEach(r -> System.out.println("HOSTILE | " + topic + " | " + r)));
            assertThat(reasons.get("hostile-words")).hasSize(wordDead.size());
            assertThat(reasons.get("hostile-weather")).hasSize(weatherDead)
                    .containsOnlyOnce("not valid JSON: duplicate field 'humidity'")
                    .contains("not valid JSON: nested deeper than 32 levels", "not valid JSON: duplicate field 'humidity'",
                            "record has no value (null)", "not valid JSON: a number of more than 100 digits")
                    .noneMatch(r -> r.startsWith("could not be processed"));
            Map<String, Long> counted = STACK.wordCounts("hostile");
            System.out.println("HOSTILE | counted " + counted);
            assertThat(counted.keySet().stream().map(k -> k.substring(k.indexOf(' ') + 1)).toList())
                    .contains("huge", "key", "ok", "heavy", "headers", "ctl", "bell");
            assertThat(runner.rest().tasksRunning(job)).as("the job runs").isTrue();
            assertThat(runner.rest().failures(job)).as("failovers").isZero();
        } finally {
            runner.cancel(job);
        }
    }

    private static ProducerRecord<byte[], byte[]> weatherRecord(long t0, byte[] key, String json) {
        return new ProducerRecord<>("hostile-weather", 0, t0, key, utf8(json));
    }
}
