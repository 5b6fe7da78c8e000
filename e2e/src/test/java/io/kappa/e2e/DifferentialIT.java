package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.kafka.Producers;
import io.kappa.client.kafka.Topics;
import io.kappa.e2e.differential.Culprits;
import io.kappa.e2e.differential.Differences;
import io.kappa.e2e.differential.Observed;
import io.kappa.e2e.differential.Scenario;
import io.kappa.e2e.differential.ScenarioGenerator;
import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import io.kappa.oracle.Expected;
import io.kappa.oracle.Oracle;
import io.kappa.client.Deadline;
import io.kappa.client.flink.FlinkRest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The differential test: scenarios generated from a seed ({@link ScenarioGenerator}: out of order, too
 * late, duplicates, skewed and empty partitions, more partitions than parallelism, equal and absurd timestamps,
 * over-long words, bad records of every kind) are run by the real job on real Kafka and Cassandra in four ways, and
 * every Cassandra table and side topic must be what the independent model of docs/semantics.md says
 * ({@link Oracle}):
 * <ol>
 *   <li>live on the session cluster, with a checkpoint at the end of phase 0, records too late for what phase 0 read
 *       arriving right after it, and the TaskManager killed ({@code kill -9}) before the next checkpoint, then again
 *       while the rest arrives; drained at the end;</li>
 *   <li>live on the session cluster at parallelism 2, stopped with a savepoint after phase 0, resumed at parallelism 3;</li>
 *   <li>replay in STREAMING mode and 4. in BATCH mode, on a MiniCluster.</li>
 * </ol>
 * and further:
 * <ol start="5">
 *   <li>replay {@code --from} a time in the middle, on a MiniCluster;</li>
 *   <li>the drained savepoint of run 2 resumed: refused, nothing written;</li>
 *   <li>live with a partition that joins late — added to the topic while the job runs (odd seeds) or idle from the
 *       start (even seeds) — after the others have closed windows, so that the timing rule's outcome is known.</li>
 * </ol>
 * CI runs {@link ScenarioGenerator#CI_SEEDS}, which between them reach every {@link ScenarioKind}
 * (ScenarioCoverageTest); {@code -Dkappa.seeds=N} runs N more (from seed 3, or {@code -Dkappa.seeds.first}). A difference fails the test with the seed and the
 * differences (and, for a replay, the smallest input found that still shows one).
 */
@org.junit.jupiter.api.Order(org.junit.jupiter.api.Order.DEFAULT + 2) // after the other classes: RealStack.disposable()
class DifferentialIT {

    @RegisterExtension
    @Order(1)
    static final RealStack STACK = RealStack.disposable();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static Stream<Long> seeds() {
        int more = Integer.parseInt(System.getProperty("kappa.seeds", "0"));
        long first = Long.parseLong(System.getProperty("kappa.seeds.first", "3"));
        return Stream.concat(ScenarioGenerator.CI_SEEDS.stream(), LongStream.range(first, first + more).boxed());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
    void everyRunWritesWhatTheModelSays(long seed) throws Exception {
        Scenario s = ScenarioGenerator.generate(seed, System.currentTimeMillis());
        System.out.println("DIFFERENTIAL " + s);
        Map<String, Differences> results = new LinkedHashMap<>();
        String p = "d" + seed;

        Topics.create(STACK.connections().kafka(), List.of(p + "-words"), s.wordPartitions(), (short) 1);
        Topics.create(STACK.connections().kafka(), List.of(p + "-weather"), s.weatherPartitions(), (short) 1);
        Expected expected = Oracle.compute(s.oracleSettings(), Scenario.inputs(p + "-words", s.words()),
                Scenario.inputs(p + "-weather", s.weather()));
        assertThat(expected.warnings()).as("scenario " + seed + " is one the contract judges exactly").isEmpty();
        System.out.printf("DIFFERENTIAL seed %d expects %d word rows, %d late words, %d dead letters, %d observations, "
                        + "%d latest, %d weather windows, %d late readings%n", seed, expected.wordCounts().size(),
                expected.lateWords().size(), expected.deadLetters().size(), expected.observations().size(),
                expected.latest().size(), expected.weatherWindows().size(), expected.lateWeather().size());

        long t = System.nanoTime();
        STACK.freshFlinkCluster(); // whatever an earlier seed left
        liveWithKills(s, p);
        STACK.freshFlinkCluster(); // the runs below wait on metrics, which the kills may have stopped
        results.put("live, TaskManager killed twice", compare(expected, p + "_kill", p));
        System.out.printf("DIFFERENTIAL seed %d live with kills: %.0f s%n", seed, (System.nanoTime() - t) / 1e9);

        t = System.nanoTime();
        RealStack.runJob(args(s, JobArgs.replay(), p, p + "_replay").parse());
        results.put("replay, streaming", compare(expected, p + "_replay", p));
        RealStack.runJob(args(s, JobArgs.replay(), p, p + "_batch").replayRuntime(JobOptions.ReplayRuntime.batch).parse());
        results.put("replay, batch", compare(expected, p + "_batch", p));
        long from = s.from();
        RealStack.runJob(args(s, JobArgs.replay(), p, p + "_from").from(java.time.Instant.ofEpochMilli(from)).parse());
        results.put("replay --from " + java.time.Instant.ofEpochMilli(from), compare(Oracle.compute(
                s.oracleSettings().withFrom(from), Scenario.inputs(p + "-words", s.words()),
                Scenario.inputs(p + "-weather", s.weather())), p + "_from", p));
        System.out.printf("DIFFERENTIAL seed %d two replays: %.0f s%n", seed, (System.nanoTime() - t) / 1e9);

        t = System.nanoTime();
        String r = p + "r";
        Topics.create(STACK.connections().kafka(), List.of(r + "-words"), s.wordPartitions(), (short) 1);
        Topics.create(STACK.connections().kafka(), List.of(r + "-weather"), s.weatherPartitions(), (short) 1);
        liveRescaled(s, r);
        Expected expectedR = Oracle.compute(s.oracleSettings(), Scenario.inputs(r + "-words", s.words()),
                Scenario.inputs(r + "-weather", s.weather()));
        results.put("live, savepoint, resumed at parallelism 3, drained; its drained savepoint refused",
                compare(expectedR, r + "_rescale", r));
        System.out.printf("DIFFERENTIAL seed %d live rescaled: %.0f s%n", seed, (System.nanoTime() - t) / 1e9);

        t = System.nanoTime();
        String q = p + "l";
        Map<Integer, Long> late = new LinkedHashMap<>();
        List<Oracle.Input> lateRunWords = liveWithALatePartition(s, q, late);
        results.put("live, a partition " + (s.lateJoin() == Scenario.LateJoin.ADDED ? "added" : "idle") + " joins late",
                compare(Oracle.compute(s.oracleSettings(), lateRunWords, List.of(), late), q + "_late", q));
        System.out.printf("DIFFERENTIAL seed %d live, a late partition: %.0f s%n", seed, (System.nanoTime() - t) / 1e9);

        StringBuilder report = new StringBuilder();
        List<Oracle.Input> words = Scenario.inputs(p + "-words", s.words());
        List<Oracle.Input> weather = Scenario.inputs(p + "-weather", s.weather());
        results.forEach((mode, d) -> {
            System.out.println("DIFFERENTIAL seed " + seed + ", " + mode + ": " + (d.none() ? "no differences" : d.counts()));
            if (!d.none()) {
                report.append("seed ").append(seed).append(", ").append(mode).append(": ").append(d)
                        .append("  the records behind them (the smallest failing case):\n");
                Culprits.of(d, s, words, weather).stream().limit(40)
                        .forEach(input -> report.append("    ").append(input).append('\n'));
            }
        });
        if (report.length() > 0) {
            throw new AssertionError("the job's output differs from the model's (rerun with this seed):\n" + report);
        }
    }

    /** The job's arguments for a run of the scenario on topics {@code p-words}/{@code p-weather} into {@code keyspace}. */
    private static JobArgs args(Scenario s, JobArgs mode, String p, String keyspace) {
        return s.applyTo(mode.kafka(STACK.bootstrapServers()).cassandra("127.0.0.1", STACK.cassandraPort())
                .wordsTopic(p + "-words").weatherTopic(p + "-weather").keyspace(keyspace).groupId(keyspace));
    }

    private Differences compare(Expected expected, String keyspace, String p) {
        Observed observed = Observed.read(STACK.connections().cassandra(keyspace, 1), STACK.connections().kafka(),
                JobOptions.sideTopic(keyspace, "words-late"), JobOptions.sideTopic(keyspace, "dead-letters"),
                JobOptions.sideTopic(keyspace, "weather-late"));
        return Differences.between(expected, observed);
    }

    /** Sends the phase's drafts of both topics, each record to its partition, in order; checks the offsets. */
    private static void produce(Scenario s, String p, int phase) {
        try (KafkaProducer<byte[], byte[]> producer = Producers.bytes(STACK.connections().kafka())) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (Scenario.Draft d : s.words()) {
                if (d.phase() == phase) {
                    sent.add(producer.send(new ProducerRecord<>(p + "-words", d.partition(), d.timestamp(), d.key(), d.value())));
                }
            }
            for (Scenario.Draft d : s.weather()) {
                if (d.phase() == phase) {
                    sent.add(producer.send(new ProducerRecord<>(p + "-weather", d.partition(), d.timestamp(), d.key(), d.value())));
                }
            }
            producer.flush();
            for (var f : sent) {
                RealStack.await(f, "a record of phase " + phase + " acknowledged", Duration.ofMinutes(1));
            }
        }
    }

    private static FlinkRest rest() {
        return new FlinkRest(STACK.config().flinkRestUrl());
    }

    private static String submit(JobArgs args, int parallelism, String savepoint) {
        FlinkRest rest = rest();
        String jar = rest.uploadJar(STACK.config().home().resolve("job/target/kappa-job.jar"));
        String job = rest.runJar(jar, args.toList(), parallelism, savepoint);
        Deadline.await("job " + job + " running", Duration.ofMinutes(2), () -> rest.state(job).equals("RUNNING"));
        return job;
    }

    /** Waits until the job's sources have emitted every record the topics hold now. */
    private static void awaitConsumed(String job, String p) {
        awaitConsumed(job, List.of(p + "-words", p + "-weather"));
    }

    /**
     * Waits until the job has read every record the topics hold now, without its metrics: checkpoints, each of which
     * commits the offsets it read to the consumer group, until the group has nothing left to commit. For after
     * TaskManager kills, when the JobManager may no longer fetch metrics ({@link RealStack#freshFlinkCluster}); it adds
     * checkpoints, so not where the run needs records read again after a kill.
     */
    private static void awaitCommitted(String job, String p, String group) {
        io.kappa.client.kafka.Offsets offsets = new io.kappa.client.kafka.Offsets(STACK.connections().kafka());
        List<String> topics = List.of(p + "-words", p + "-weather");
        Deadline.await("job " + job + " to commit every record of " + topics + " to group " + group,
                Duration.ofMinutes(3), () -> {
                    rest().triggerCheckpoint(job, Duration.ofMinutes(1));
                    return offsets.lag(group, topics).values().stream().allMatch(lag -> lag == 0);
                });
    }

    private static void awaitConsumed(String job, List<String> topics) {
        FlinkRest rest = rest();
        Map<String, Long> end = new LinkedHashMap<>();
        new io.kappa.client.kafka.Offsets(STACK.connections().kafka()).endOffsets(topics)
                .forEach((tp, offset) -> {
                    if (offset > 0) {
                        end.put(tp.topic() + ":" + tp.partition(), offset - 1);
                    }
                });
        Deadline.await("job " + job + " to read every record up to " + end, Duration.ofMinutes(3), () -> {
            if (!rest.state(job).equals("RUNNING")) {
                return false;
            }
            Map<String, Long> at = rest.sourceOffsets(job);
            return end.entrySet().stream().allMatch(e -> at.getOrDefault(e.getKey(), -1L) >= e.getValue());
        });
    }

    /**
     * Kills the TaskManager and starts a new one, runs {@code meanwhile} (records that arrive during the fault), then
     * waits until the job has restarted on it: until Flink notices the loss the job still says RUNNING, and its metrics
     * and savepoints are the lost tasks' ones.
     */
    private static void killTaskManagerAndAwaitRestart(String job, Runnable meanwhile) {
        int failures = rest().failures(job);
        STACK.replaceTaskManager(() -> {});
        meanwhile.run();
        Deadline.await("job " + job + " restarted on the new TaskManager, every task running", Duration.ofMinutes(3),
                () -> rest().failures(job) > failures && rest().tasksRunning(job));
    }

    /** Stops the job with --drain; returns the savepoint. */
    private static String drain(String job) {
        FlinkRest rest = rest();
        String savepoint = rest.stopWithSavepoint(job, STACK.config().stateDir().resolve("savepoints").toUri().toString(),
                true, Duration.ofMinutes(2));
        Deadline.await("job " + job + " finished", Duration.ofMinutes(1), () -> rest.state(job).equals("FINISHED"));
        return savepoint;
    }

    private void liveWithKills(Scenario s, String p) {
        produce(s, p, 0);
        JobArgs args = args(s, JobArgs.live(), p, p + "_kill").checkpointInterval(Duration.ofMinutes(30))
                .checkpointDir(STACK.config().stateDir().resolve("checkpoints").toUri().toString());
        String job = submit(args, 2, null);
        awaitConsumed(job, p);
        rest().triggerCheckpoint(job, Duration.ofMinutes(1));
        produce(s, p, 1); // opens with records too late for what phase 0 read
        awaitConsumed(job, p);
        // before the next checkpoint: the too-late records will be read again
        killTaskManagerAndAwaitRestart(job, () -> produce(s, p, 2));
        killTaskManagerAndAwaitRestart(job, () -> {}); // while it catches up on phases 1 and 2
        awaitCommitted(job, p, p + "_kill");
        System.out.printf("DIFFERENTIAL live job %s: %d failovers%n", job, rest().failures(job));
        drain(job);
    }

    private void liveRescaled(Scenario s, String r) {
        produce(s, r, 0);
        JobArgs args = args(s, JobArgs.live(), r, r + "_rescale").checkpointInterval(Duration.ofSeconds(5))
                .checkpointDir(STACK.config().stateDir().resolve("checkpoints").toUri().toString());
        String job = submit(args, 2, null);
        awaitConsumed(job, r);
        String savepoint = rest().stopWithSavepoint(job, STACK.config().stateDir().resolve("savepoints").toUri().toString(),
                false, Duration.ofMinutes(2));
        produce(s, r, 1);
        produce(s, r, 2);
        String resumed = submit(args, 3, savepoint);
        awaitConsumed(resumed, r);
        String drained = drain(resumed);
        // rule 5: a drained savepoint is refused, without restarts, and writes nothing
        FlinkRest rest = rest();
        String refused = rest.runJar(rest.uploadJar(STACK.config().home().resolve("job/target/kappa-job.jar")),
                args.toList(), 3, drained);
        Deadline.await("the job resumed from a drained savepoint to fail", Duration.ofMinutes(2),
                () -> rest.state(refused).equals("FAILED"));
        assertThat(rest.rootException(refused)).contains(io.kappa.words.CountWordsPerWindow.DRAINED_SAVEPOINT);
        assertThat(rest.failures(refused)).isEqualTo(1);
    }

    /**
     * Run 7: the other partitions' phase 0 and their closing records are read; once the window operator has reached
     * their event time, the late partition joins (added to the topic, or from idle) and its records are read; drained.
     * Returns the run's words input and fills {@code late} with the late partition and the event time it joined at.
     */
    private List<Oracle.Input> liveWithALatePartition(Scenario s, String q, Map<Integer, Long> late) {
        boolean added = s.lateJoin() == Scenario.LateJoin.ADDED;
        int p = s.wordPartitions();
        String topic = q + "-words";
        Topics.create(STACK.connections().kafka(), List.of(topic), added ? p : p + 1, (short) 1);
        List<Scenario.Draft> others = s.latePartitionRunWords().stream().filter(d -> d.partition() != p).toList();
        List<Scenario.Draft> joining = s.latePartitionRunWords().stream().filter(d -> d.partition() == p).toList();
        send(topic, others);
        JobArgs args = args(s, JobArgs.live(), q, q + "_late").noWeather()
                .idleness(added ? Duration.ZERO : Scenario.IDLENESS).partitionDiscovery(Duration.ofSeconds(2))
                .checkpointInterval(Duration.ofSeconds(5))
                .checkpointDir(STACK.config().stateDir().resolve("checkpoints").toUri().toString());
        String job = submit(args, 2, null);
        awaitConsumed(job, List.of(topic));
        long joined = Oracle.combinedWatermark(Scenario.inputs(topic, others), p, java.util.Set.of(),
                s.outOfOrderness().toMillis());
        Deadline.await("the window operator at the others' event time " + joined, Duration.ofMinutes(2),
                () -> rest().watermark(job, io.kappa.words.CountWordsPerWindow.NAME).orElse(Long.MIN_VALUE) >= joined);
        if (added) {
            try (org.apache.kafka.clients.admin.Admin admin = Topics.admin(STACK.connections().kafka())) {
                admin.createPartitions(Map.of(topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(p + 1)))
                        .all().get(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new AssertionError("cannot add partition " + p + " to " + topic, e);
            }
        }
        send(topic, joining);
        awaitConsumed(job, List.of(topic));
        System.out.printf("DIFFERENTIAL late partition %d (%s) joined at %d: %d failovers%n", p,
                added ? "added" : "idle", joined, rest().failures(job));
        drain(job);
        late.put(p, joined);
        List<Scenario.Draft> all = new ArrayList<>(others);
        all.addAll(joining);
        return Scenario.inputs(topic, all);
    }

    private static void send(String topic, List<Scenario.Draft> drafts) {
        try (KafkaProducer<byte[], byte[]> producer = Producers.bytes(STACK.connections().kafka())) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (Scenario.Draft d : drafts) {
                sent.add(producer.send(new ProducerRecord<>(topic, d.partition(), d.timestamp(), d.key(), d.value())));
            }
            producer.flush();
            for (var f : sent) {
                RealStack.await(f, "a record acknowledged", Duration.ofMinutes(1));
            }
        }
    }
}
