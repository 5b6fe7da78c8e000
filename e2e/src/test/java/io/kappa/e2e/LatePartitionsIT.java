package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.Deadline;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.kafka.Topics;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.words.CountWordsPerWindow;
import io.kappa.words.LateWord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two edges of docs/semantics.md rule 5 and its timing rule, as a user meets them on a session cluster: a partition
 * added to a topic while a live job runs is read (its record in a closed window goes to the late topic with its reason,
 * one in an open window is counted), and a job refuses to resume from a savepoint taken by a drain instead of
 * overwriting a full row with a partial count.
 */
class LatePartitionsIT {
    private static final long MIN = 60_000;

    @RegisterExtension
    static final RealStack STACK = RealStack.shared();

    private static void send(String topic, int partition, long ts, String line) {
        try (KafkaProducer<byte[], byte[]> p = STACK.producer()) {
            RealStack.await(p.send(new ProducerRecord<>(topic, partition, ts, null, line.getBytes(StandardCharsets.UTF_8))),
                    "a line acknowledged", Duration.ofMinutes(1));
        }
    }

    private static Map<String, Long> rows(String keyspace) {
        return STACK.wordCounts(keyspace);
    }

    @Test
    void aPartitionAddedWhileALiveJobRunsIsRead() throws Exception {
        STACK.createTopics("grow", 1);
        long t0 = (System.currentTimeMillis() / MIN - 30) * MIN;
        JobRunner runner = STACK.runner();
        String job = runner.start(runner.upload(STACK.jobJar()), STACK.jobArgs("grow").keyspace("grow").noWeather()
                .idleness(Duration.ZERO).partitionDiscovery(Duration.ofSeconds(2))
                .checkpointInterval(Duration.ofSeconds(2)), 1);
        try {
            send("grow-words", 0, t0 + 1_000, "old");
            send("grow-words", 0, t0 + 10 * MIN, "now"); // closes the first window on partition 0's event time
            Deadline.await("the first window's row", Duration.ofMinutes(1),
                    () -> rows("grow").equals(Map.of(WordCounts.key(t0, "old"), 1L)));
            try (Admin admin = Topics.admin(STACK.connections().kafka())) {
                admin.createPartitions(Map.of("grow-words", NewPartitions.increaseTo(2))).all().get();
            }
            send("grow-words", 1, t0 + 2_000, "closed"); // on time for its own partition, its window long closed
            send("grow-words", 1, t0 + 10 * MIN + 1_000, "open");
            send("grow-words", 1, t0 + 20 * MIN, "later");
            // the job finds the new partition and reads it from offset zero (the bug: it never looked)
            Deadline.await("the new partition read", Duration.ofMinutes(1),
                    () -> runner.rest().sourceOffsets(job).getOrDefault("grow-words:1", -1L) >= 2);
            send("grow-words", 0, t0 + 20 * MIN, "later"); // now both partitions move past the second window
            try {
                Deadline.await("the new partition's word counted", Duration.ofMinutes(2),
                        () -> rows("grow").containsKey(WordCounts.key(t0 + 10 * MIN, "open")));
            } catch (RuntimeException e) {
                System.out.println("LATE PARTITIONS: rows " + rows("grow") + ", source offsets "
                        + runner.rest().sourceOffsets(job) + ", state " + runner.state(job) + ", failures "
                        + runner.rest().failures(job) + ", job " + runner.rest().details(job));
                throw e;
            }
            List<ConsumerRecord<byte[], byte[]>> late = STACK.awaitRecords("grow-late", 1);
            String json = new String(late.get(0).value(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"word\":\"closed\"", "\"reason\":\"" + LateWord.CLOSED_REASON + "\"",
                    "\"partition\":-1");
            assertThat(new String(late.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("closed");
            assertThat(rows("grow")).containsEntry(WordCounts.key(t0 + 10 * MIN, "now"), 1L)
                    .containsEntry(WordCounts.key(t0 + 10 * MIN, "open"), 1L)
                    .doesNotContainKey(WordCounts.key(t0, "closed"));
            assertThat(runner.rest().failures(job)).isZero();
        } finally {
            runner.cancel(job);
        }
    }

    @Test
    void aDrainedSavepointIsRefusedAndAnUndrainedOneResumes() throws Exception {
        STACK.createTopics("drain", 1);
        long t0 = (System.currentTimeMillis() / MIN - 30) * MIN;
        JobRunner runner = STACK.runner();
        String jar = runner.upload(STACK.jobJar());
        var args = STACK.jobArgs("drain").keyspace("drained").noWeather().idleness(Duration.ZERO)
                .checkpointInterval(Duration.ofSeconds(2));
        String savepoints = STACK.config().stateDir().resolve("savepoints").toUri().toString();
        for (int i = 0; i < 3; i++) {
            send("drain-words", 0, t0 + i, "a");
        }
        String job = runner.start(jar, args, 1);
        Deadline.await("the three lines read", Duration.ofMinutes(1), () -> runner.rest().tasksRunning(job)
                && runner.rest().sourceOffsets(job).getOrDefault("drain-words:0", -1L) >= 2);
        String undrained = runner.stopWithSavepoint(job, savepoints, false, Duration.ofMinutes(2));
        assertThat(rows("drained")).as("the window has not fired").isEmpty();

        String resumed = runner.resume(jar, args, 1, undrained);
        Deadline.await("the resumed job running", Duration.ofMinutes(1), () -> runner.rest().tasksRunning(resumed));
        String drained = runner.stopWithSavepoint(resumed, savepoints, true, Duration.ofMinutes(2));
        assertThat(rows("drained")).as("the drain fired the window").isEqualTo(Map.of(WordCounts.key(t0, "a"), 3L));

        send("drain-words", 0, t0 + 5, "a"); // on time by the contract: a replay counts 4
        String refused = runner.resume(jar, args, 1, drained);
        Deadline.await("the job resumed from the drained savepoint to fail", Duration.ofMinutes(1),
                () -> runner.state(refused).equals("FAILED"));
        assertThat(runner.rest().rootException(refused)).contains(CountWordsPerWindow.DRAINED_SAVEPOINT);
        assertThat(runner.rest().failures(refused)).as("failed once, never restarted").isEqualTo(1);
        assertThat(rows("drained")).as("the full row is untouched").isEqualTo(Map.of(WordCounts.key(t0, "a"), 3L));
    }
}
