package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.Deadline;
import io.kappa.client.kafka.Produce;
import io.kappa.client.generate.WeatherSimulator;
import io.kappa.job.JobOptions;
import io.kappa.kafka.DeadLetterSerializer;
import io.kappa.weather.CityDirectory;
import io.kappa.words.TextNormaliser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** 5 % bad records of every kind: every valid one is counted, every bad one is a dead letter, and it adds up. */
class BadInputIT {
    private static final long MIN = 60_000;

    @RegisterExtension
    @Order(1)
    static final RealStack STACK = RealStack.shared();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void everyRecordIsEitherCountedOrADeadLetterWithItsReason() throws Exception {
        STACK.createTopics("b", 2);
        long t0 = (System.currentTimeMillis() / MIN - 60) * MIN;
        Random random = new Random(5);
        long validLines = 0;
        long words = 0;
        Map<String, Integer> badByKind = new TreeMap<>();
        int produced = 4000;
        try (KafkaProducer<byte[], byte[]> producer = STACK.producer()) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < produced; i++) {
                long ts = t0 + i * 1000L;
                byte[] key = i % 2 == 0 ? null : ("k" + i).getBytes(StandardCharsets.UTF_8); // half without a key
                byte[] value;
                if (i % 20 == 7) { // 5 % bad, of four kinds
                    switch ((i / 20) % 4) {
                        case 0 -> { value = new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}; badByKind.merge("invalid UTF-8", 1, Integer::sum); }
                        case 1 -> { value = null; badByKind.merge("no value", 1, Integer::sum); }
                        case 2 -> { value = "x ".repeat(600_000).getBytes(StandardCharsets.UTF_8); badByKind.merge("over 1 MiB", 1, Integer::sum); }
                        default -> { value = new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 'a'}; badByKind.merge("invalid UTF-8", 1, Integer::sum); }
                    }
                } else {
                    String line = i % 50 == 3 ? "" : "word" + random.nextInt(30) + " Ünïcödé, punct! word" + random.nextInt(30);
                    value = line.getBytes(StandardCharsets.UTF_8);
                    validLines++;
                    words += TextNormaliser.words(line).size();
                }
                sent.add(producer.send(new ProducerRecord<>("b-words", null, ts, key, value)));
            }
            for (int i = 0; i < sent.size(); i++) { // each acknowledged: none refused on the way
                RealStack.await(sent.get(i), "record " + i + " acknowledged", Duration.ofMinutes(1));
            }
        }
        Produce.WeatherSummary weather = Produce.quietly(STACK.connections().kafka(), "b-weather").simulate(
                new WeatherSimulator.Spec(new ArrayList<>(CityDirectory.bundled().featured(400)).subList(0, 20), t0,
                        Duration.ofHours(2), Duration.ofMinutes(10), 3, 0.05, 0, 0));

        JobOptions o = STACK.jobArgs("b").keyspace("bad_input").idleness(Duration.ZERO)
                .checkpointInterval(Duration.ofSeconds(1)).checkpointDir(tmp.toUri().toString()).parse();
        JobClient job = RealStack.startJob(o, new org.apache.flink.configuration.Configuration());
        long badWords = badByKind.values().stream().mapToLong(Integer::longValue).sum();
        List<ConsumerRecord<byte[], byte[]>> dead = STACK.awaitRecords("b-dead", badWords + weather.malformed());
        RealStack.await(job.stopWithSavepoint(true, tmp.resolve("sp").toUri().toString(), SavepointFormatType.CANONICAL),
                "the live job to stop with a savepoint", Duration.ofMinutes(2));
        assertThat(RealStack.await(job.getJobStatus(), "the job's status", Duration.ofSeconds(30)))
                .isEqualTo(JobStatus.FINISHED); // never failed, stopped by us

        long finalWords = words;
        Deadline.await("every valid word counted", Duration.ofMinutes(1), () -> {
            return STACK.wordCounts("bad_input").values().stream().mapToLong(Long::longValue).sum() == finalWords;
        });
        Map<String, Integer> reasons = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> d : dead) {
            String reason = new String(d.headers().lastHeader(DeadLetterSerializer.REASON).value(), StandardCharsets.UTF_8);
            reasons.merge(reason.replaceAll("\\(.*", "").replaceAll("-?\\d+(\\.\\d+)?", "#").trim(), 1, Integer::sum);
            if (d.headers().lastHeader(DeadLetterSerializer.VALUE_TRUNCATED) != null) {
                assertThat(d.value()).hasSize(DeadLetterSerializer.MAX_VALUE_BYTES);
            }
        }
        System.out.printf("BAD INPUT: words topic %d records = %d valid + %d rejected %s; weather %d records = %d valid + %d "
                + "rejected; dead letters by reason %s%n", produced, validLines, badWords, badByKind, weather.records(),
                weather.valid(), weather.malformed(), reasons);
        assertThat(dead).hasSize((int) (badWords + weather.malformed()));
        assertThat(validLines + badWords).isEqualTo(produced);
        assertThat(reasons).containsEntry("value is not valid UTF#", badByKind.get("invalid UTF-8"))
                .containsEntry("record has no value", badByKind.get("no value"))
                .containsEntry("line of # bytes is longer than the limit of # bytes", badByKind.get("over 1 MiB"));
    }
}
