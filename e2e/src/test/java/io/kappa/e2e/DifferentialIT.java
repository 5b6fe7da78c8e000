package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.Producers;
import io.kappa.client.Topics;
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
import io.kappa.client.FlinkRest;
import io.kappa.stack.ManagedServer;
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
 * The differential test of issue 11: scenarios generated from a seed ({@link ScenarioGenerator}: out of order, too
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
 * CI runs the seeds {@value #CI_SEEDS}; {@code -Dkappa.seeds=N} runs N more. A difference fails the test with the seed
 * and the differences (and, for a replay, the smallest input found that still shows one).
 */
@org.junit.jupiter.api.Order(org.junit.jupiter.api.Order.DEFAULT + 2) // after the other classes: RealStack.disposable()
class DifferentialIT {
    static final String CI_SEEDS = "1, 2";

    @RegisterExtension
    @Order(1)
    static final RealStack STACK = RealStack.disposable();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static Stream<Long> seeds() {
        int more = Integer.parseInt(System.getProperty("kappa.seeds", "0"));
        return LongStream.concat(LongStream.of(1, 2), LongStream.range(3, 3 + more)).boxed();
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
        liveWithKills(s, p);
        results.put("live, TaskManager killed twice", compare(expected, p + "_kill", p));
        System.out.printf("DIFFERENTIAL seed %d live with kills: %.0f s%n", seed, (System.nanoTime() - t) / 1e9);

        t = System.nanoTime();
        RealStack.runJob(args(s, JobArgs.replay(), p, p + "_replay").parse());
        results.put("replay, streaming", compare(expected, p + "_replay", p));
        RealStack.runJob(args(s, JobArgs.replay(), p, p + "_batch").replayRuntime(JobOptions.ReplayRuntime.batch).parse());
        results.put("replay, batch", compare(expected, p + "_batch", p));
        System.out.printf("DIFFERENTIAL seed %d two replays: %.0f s%n", seed, (System.nanoTime() - t) / 1e9);

        t = System.nanoTime();
        String r = p + "r";
        Topics.create(STACK.connections().kafka(), List.of(r + "-words"), s.wordPartitions(), (short) 1);
        Topics.create(STACK.connections().kafka(), List.of(r + "-weather"), s.weatherPartitions(), (short) 1);
        liveRescaled(s, r);
        Expected expectedR = Oracle.compute(s.oracleSettings(), Scenario.inputs(r + "-words", s.words()),
                Scenario.inputs(r + "-weather", s.weather()));
        results.put("live, savepoint, resumed at parallelism 3", compare(expectedR, r + "_rescale", r));
        System.out.printf("DIFFERENTIAL seed %d live rescaled: %.0f s%n", seed, (System.nanoTime() - t) / 1e9);

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
        FlinkRest rest = rest();
        Map<String, Long> end = new LinkedHashMap<>();
        new io.kappa.client.Offsets(STACK.connections().kafka()).endOffsets(List.of(p + "-words", p + "-weather"))
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

    private static void killTaskManager() {
        ManagedServer tm = STACK.stack().server("flink-taskmanager");
        tm.process().orElseThrow().destroyForcibly(); // kill -9
        Deadline.await("the TaskManager to be gone", Duration.ofSeconds(30), () -> !tm.isRunning());
        tm.start(Duration.ofMinutes(2)); // a new one, as a supervisor would start it
    }

    private static void drain(String job) {
        FlinkRest rest = rest();
        rest.stopWithSavepoint(job, STACK.config().stateDir().resolve("savepoints").toUri().toString(), true,
                Duration.ofMinutes(2));
        Deadline.await("job " + job + " finished", Duration.ofMinutes(1), () -> rest.state(job).equals("FINISHED"));
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
        killTaskManager(); // before the next checkpoint: the too-late records will be read again
        produce(s, p, 2);
        Deadline.await("job " + job + " running again", Duration.ofMinutes(3), () -> rest().state(job).equals("RUNNING"));
        killTaskManager(); // while it catches up on phases 1 and 2
        awaitConsumed(job, p);
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
        drain(resumed);
    }
}
