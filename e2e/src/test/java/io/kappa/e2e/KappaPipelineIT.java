package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.Deadline;
import io.kappa.client.cassandra.Diff;
import io.kappa.client.kafka.Produce;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import io.kappa.kafka.DeadLetterSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real job (Kafka source, Cassandra and Kafka sinks) on a Flink MiniCluster, against a real Kafka broker
 * and a real Cassandra node that this test run starts itself.
 */
class KappaPipelineIT {
    private static final long MIN = 60_000;
    /** A minute-aligned start an hour ago, so windows are predictable and the broker's time retention is moot. */
    private static final long T0 = (System.currentTimeMillis() / MIN - 60) * MIN;

    @RegisterExtension
    @Order(1)
    static final RealStack STACK = RealStack.shared();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    Path tmp;

    /** The job on the prefix's topics: 1 min windows and lateness, 5 s out of order, checkpoints every second. */
    private JobArgs args(JobOptions.Mode mode, String prefix, String keyspace) {
        return STACK.jobArgs(prefix).mode(mode).keyspace(keyspace).window(Duration.ofMinutes(1))
                .allowedLateness(Duration.ofMinutes(1)).outOfOrderness(Duration.ofSeconds(5)).idleness(Duration.ZERO)
                .checkpointInterval(Duration.ofSeconds(1)).checkpointDir(tmp.resolve("checkpoints").toUri().toString());
    }

    private JobOptions options(JobOptions.Mode mode, String prefix, String keyspace) {
        return args(mode, prefix, keyspace).parse();
    }

    private JobClient start(JobOptions o, Configuration conf) throws Exception {
        return RealStack.startJob(o, conf);
    }

    private void replay(JobOptions o) throws Exception {
        RealStack.runJob(o); // bounded: returns when the replay has read up to the offsets at its start
    }

    private Map<String, Long> rows(String keyspace) {
        return STACK.wordCounts(keyspace);
    }

    private void awaitTotals(String keyspace, Map<Long, Long> expected) {
        Deadline.await(keyspace + " to hold the expected word totals " + expected, Duration.ofMinutes(2),
                () -> WordCounts.totals(rows(keyspace)).equals(expected));
    }

    private static TextGenerator.Spec spec(long lines, long start, Duration span, long seed) {
        return new TextGenerator.Spec(lines, 300, 3, 8, 1.0, start, span, 0.05, Duration.ofSeconds(4), 0, Duration.ZERO, seed);
    }

    @Test
    void liveThenReplayIntoASecondKeyspaceGiveIdenticalRows() throws Exception {
        STACK.createTopics("equal", 2);
        TextGenerator.Spec spec = spec(4000, T0, Duration.ofMinutes(10), 1);
        Produce.TextSummary produced = Produce.quietly(STACK.connections().kafka(), "equal-words").generate(spec);
        Map<Long, Long> expected = TextGenerator.wordsPerWindow(spec, MIN);

        JobClient live = start(options(JobOptions.Mode.live, "equal", "equal_live"), new Configuration());
        // all windows but the newest close on the watermark; stopping with --drain closes the newest too
        awaitTotals("equal_live", withoutNewestWindow(expected));
        RealStack.await(live.stopWithSavepoint(true, tmp.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL), "the live job to stop with a savepoint", Duration.ofMinutes(2));
        awaitTotals("equal_live", expected);

        replay(options(JobOptions.Mode.replay, "equal", "equal_replay"));

        Map<String, Long> liveRows = rows("equal_live");
        assertThat(rows("equal_replay")).isEqualTo(liveRows);
        assertThat(liveRows.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(produced.words());

        // "this word over time" reads the same rows by key over the newest windows, newest window first
        String word = liveRows.keySet().iterator().next().split(" ", 2)[1];
        List<String> ofWord = liveRows.entrySet().stream().filter(e -> e.getKey().endsWith(" " + word))
                .sorted(Map.Entry.<String, Long>comparingByKey().reversed())
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        try (WordCounts r = new WordCounts(STACK.connections().cassandra("equal_live", 1))) {
            assertThat(r.word(word, 1000)).extracting(c -> WordCounts.key(c.windowStart(), c.word()) + "=" + c.count())
                    .containsExactlyElementsOf(ofWord).isNotEmpty();
        }
    }

    @Test
    void tooLateRecordGoesToTheLateTopicNotCassandraAndBadRecordsToDeadLetters() throws Exception {
        STACK.createTopics("late", 1);
        TextGenerator.Spec spec = spec(600, T0, Duration.ofMinutes(5), 2);
        Produce.quietly(STACK.connections().kafka(), "late-words").generate(spec);
        // one partition, two source readers: the reader without a partition must go idle or it holds the watermark
        JobClient live = start(args(JobOptions.Mode.live, "late", "late_live").idleness(Duration.ofSeconds(1)).parse(),
                new Configuration());
        try {
            Map<Long, Long> expected = withoutNewestWindow(TextGenerator.wordsPerWindow(spec, MIN)); // still open
            awaitTotals("late_live", expected);

            try (KafkaProducer<byte[], byte[]> p = STACK.producer()) {
                // window [T0, T0+1m) closed for good at watermark T0+2m; the watermark is near T0+5m
                RealStack.await(p.send(new ProducerRecord<>("late-words", null, T0 + 10_000, null,
                        "zombie zombie".getBytes(StandardCharsets.UTF_8))), "the late record sent", Duration.ofMinutes(1));
                RealStack.await(p.send(new ProducerRecord<>("late-words", null, T0 + 5 * MIN, "k".getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xC3, (byte) 0x28})), "the bad record sent", Duration.ofMinutes(1));
            }
            List<ConsumerRecord<byte[], byte[]>> late = STACK.awaitRecords("late-late", 1);
            assertThat(new String(late.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("zombie");
            assertThat(new String(late.get(0).value(), StandardCharsets.UTF_8))
                    .contains("\"word\":\"zombie\"", "\"count\":2", "\"windowStart\":" + T0);

            List<ConsumerRecord<byte[], byte[]>> dead = STACK.awaitRecords("late-dead", 1);
            assertThat(dead.get(0).value()).containsExactly((byte) 0xC3, (byte) 0x28);
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetterSerializer.REASON).value(),
                    StandardCharsets.UTF_8)).startsWith("value is not valid UTF-8");
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetterSerializer.SOURCE_TOPIC).value(),
                    StandardCharsets.UTF_8)).isEqualTo("late-words");

            assertThat(rows("late_live").keySet()).noneMatch(k -> k.endsWith(" zombie"));
            assertThat(WordCounts.totals(rows("late_live"))).containsAllEntriesOf(expected);
        } finally {
            RealStack.await(live.cancel(), "the live job cancelled", Duration.ofMinutes(1));
        }
        // a BATCH replay judges lateness per partition as live does (docs/semantics.md, rule 5): it does not count the
        // too-late record either, and has the same rows as live
        replay(args(JobOptions.Mode.replay, "late", "late_batch").replayRuntime(JobOptions.ReplayRuntime.batch)
                .idleness(Duration.ofSeconds(1)).parse());
        Map<String, Long> liveRows = rows("late_live");
        Map<String, Long> batchRows = rows("late_batch");
        batchRows.keySet().removeIf(k -> k.startsWith(java.time.Instant.ofEpochMilli(T0 + 4 * MIN).toString())); // open live
        Diff diff = Diff.compare(liveRows, batchRows);
        assertThat(batchRows).doesNotContainKey(WordCounts.key(T0, "zombie")).isNotEmpty();
        assertThat(diff.onlyRight()).isEmpty();
        assertThat(diff.onlyLeft()).isEmpty();
        assertThat(diff.different()).isEmpty();
    }

    /**
     * docs/semantics.md, "Idle partitions": partition 1 says nothing while partition 0 moves event time five minutes on;
     * after {@code --idleness} it stops holding windows back, so the window [T0, T0+1m) closes. A record of partition 1
     * in that window then comes (on time for its own partition): live cannot count it any more and sends its word to
     * the late topic with the idle reason — not counted, not lost — and a replay, which never goes idle, counts it.
     */
    @Test
    void aRecordOfAPartitionThatWasIdleGoesToTheLateTopicAndAReplayCountsIt() throws Exception {
        STACK.createTopics("idle", 2);
        try (KafkaProducer<byte[], byte[]> p = STACK.producer()) {
            for (long[] r : new long[][] {{T0 + 10_000}, {T0 + 5 * MIN}, {T0 + 10 * MIN}}) {
                RealStack.await(p.send(new ProducerRecord<>("idle-words", 0, r[0], null,
                        ("alpha at " + r[0]).getBytes(StandardCharsets.UTF_8))), "a record of partition 0", Duration.ofMinutes(1));
            }
        }
        JobClient live = start(args(JobOptions.Mode.live, "idle", "idle_live").idleness(Duration.ofSeconds(1)).parse(),
                new Configuration());
        try {
            // the window at T0+5m written: the watermark passed T0+6m, far past [T0, T0+1m) plus its lateness
            Deadline.await("the window at T0+5m in idle_live", Duration.ofMinutes(2),
                    () -> rows("idle_live").containsKey(WordCounts.key(T0 + 5 * MIN, "alpha")));
            try (KafkaProducer<byte[], byte[]> p = STACK.producer()) {
                RealStack.await(p.send(new ProducerRecord<>("idle-words", 1, T0 + 20_000, null,
                        "sleeper".getBytes(StandardCharsets.UTF_8))), "the idle partition's record", Duration.ofMinutes(1));
            }
            List<ConsumerRecord<byte[], byte[]>> late = STACK.awaitRecords("idle-late", 1);
            assertThat(new String(late.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("sleeper");
            assertThat(new String(late.get(0).value(), StandardCharsets.UTF_8)).contains("\"windowStart\":" + T0,
                    "\"reason\":\"" + io.kappa.words.LateWord.CLOSED_REASON + "\"");
            assertThat(rows("idle_live")).doesNotContainKey(WordCounts.key(T0, "sleeper"))
                    .containsEntry(WordCounts.key(T0, "alpha"), 1L);
        } finally {
            RealStack.await(live.cancel(), "the live job cancelled", Duration.ofMinutes(1));
        }
        replay(options(JobOptions.Mode.replay, "idle", "idle_replay"));
        assertThat(rows("idle_replay")).containsEntry(WordCounts.key(T0, "sleeper"), 1L)
                .containsEntry(WordCounts.key(T0, "alpha"), 1L);
    }

    @Test
    void aLiveJobRestartedFromItsCheckpointGivesTheSameRowsAsAReplay() throws Exception {
        STACK.createTopics("restart", 2);
        TextGenerator.Spec first = spec(2000, T0, Duration.ofMinutes(5), 3);
        TextGenerator.Spec second = spec(2000, T0 + 5 * MIN, Duration.ofMinutes(5), 4);
        Produce restartWords = Produce.quietly(STACK.connections().kafka(), "restart-words");
        restartWords.generate(first);

        JobClient live = start(options(JobOptions.Mode.live, "restart", "restart_live"), new Configuration());
        awaitTotals("restart_live", withoutNewestWindow(TextGenerator.wordsPerWindow(first, MIN)));
        Path checkpoints = tmp.resolve("checkpoints").resolve(live.getJobID().toHexString());
        Deadline.await("a completed checkpoint", Duration.ofMinutes(1), () -> latestCheckpoint(checkpoints) != null);
        RealStack.await(live.cancel(), "the live job cancelled", Duration.ofMinutes(1)); // as if it crashed: only the retained checkpoint remains

        restartWords.generate(second);
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, latestCheckpoint(checkpoints).toString());
        JobClient resumed = start(options(JobOptions.Mode.live, "restart", "restart_live"), restore);
        Map<Long, Long> expected = TextGenerator.wordsPerWindow(first, MIN);
        TextGenerator.wordsPerWindow(second, MIN).forEach((k, v) -> expected.merge(k, v, Long::sum));
        awaitTotals("restart_live", withoutNewestWindow(expected));
        RealStack.await(resumed.stopWithSavepoint(true, tmp.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL), "the resumed job to stop with a savepoint", Duration.ofMinutes(2));
        awaitTotals("restart_live", expected);

        replay(options(JobOptions.Mode.replay, "restart", "restart_replay"));
        assertThat(rows("restart_live")).isEqualTo(rows("restart_replay"));
    }

    /** The windows a live job has closed on the watermark alone: all but the newest. */
    private static Map<Long, Long> withoutNewestWindow(Map<Long, Long> totals) {
        java.util.TreeMap<Long, Long> closed = new java.util.TreeMap<>(totals);
        closed.pollLastEntry();
        return closed;
    }

    private static Path latestCheckpoint(Path jobDir) {
        if (!Files.isDirectory(jobDir)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(jobDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("chk-") && Files.exists(d.resolve("_metadata")))
                    .max(java.util.Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString().substring(4))))
                    .orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
