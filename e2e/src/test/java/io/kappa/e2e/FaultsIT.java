package io.kappa.e2e;

import io.kappa.client.Topics;
import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.cli.ProduceCommand;
import io.kappa.cli.ReplayCommand;
import io.kappa.cli.Results;
import io.kappa.cli.TextGenerator;
import io.kappa.cli.TopicsCommand;
import io.kappa.stack.Deadline;
import io.kappa.stack.FlinkRest;
import io.kappa.stack.ManagedServer;
import io.kappa.stack.StackException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults injected into real processes while the live job runs on the real session cluster. Whatever happened,
 * once the input is drained the Cassandra rows must equal those of a fault-free replay of the same topic.
 */
class FaultsIT {
    private static final long MIN = 60_000;

    @RegisterExtension
    static final RealStack STACK = RealStack.dedicated();

    private static Path jobJar() {
        return STACK.config().home().resolve("job/target/kappa-job.jar");
    }

    private static List<String> jobArgs(String prefix, String mode, String keyspace) {
        return new ArrayList<>(List.of("--mode", mode, "--keyspace", keyspace, "--bootstrap-servers", STACK.bootstrapServers(),
                "--cassandra-port", Integer.toString(STACK.cassandraPort()), "--words-topic", prefix + "-words",
                "--late-topic", prefix + "-late", "--dead-letter-topic", prefix + "-dead", "--no-weather",
                "--group-id", prefix + "-live", "--checkpoint-interval", "2s", "--idleness", "0"));
    }

    private static Map<String, Long> rows(String keyspace) {
        try (Results r = new Results(STACK.connections().cassandra(keyspace, 1))) {
            return r.all();
        } catch (RuntimeException e) {
            return Map.of(); // Cassandra is down right now
        }
    }

    private static void awaitTotals(String keyspace, Map<Long, Long> expected, Duration timeout) {
        try {
            Deadline.await(keyspace + " totals", timeout, () -> Results.totals(rows(keyspace)).equals(expected));
        } catch (StackException e) {
            throw new AssertionError(e.getMessage() + ": expected " + expected + " but has " + Results.totals(rows(keyspace)));
        }
    }

    private static TreeMap<Long, Long> withoutNewest(Map<Long, Long> totals) {
        TreeMap<Long, Long> t = new TreeMap<>(totals);
        t.pollLastEntry();
        return t;
    }

    /** A fault, given the live job's id and the production of the rest of the input (it decides when). */
    interface Fault {
        void inject(FlinkRest rest, String jobId, Runnable produceTheRest);
    }

    /** Live job → checkpoint → fault (during which the rest of the input arrives) → drain; rows = a fault-free replay's. */
    private void survives(String prefix, Fault fault) {
        Topics.create(STACK.connections().kafka(), List.of(prefix + "-words", prefix + "-late", prefix + "-dead"), 2, (short) 1);
        long t0 = (System.currentTimeMillis() / MIN - 30) * MIN;
        TextGenerator.Spec first = new TextGenerator.Spec(4000, 500, 3, 8, 1.0, t0, Duration.ofMinutes(5), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 31);
        TextGenerator.Spec second = new TextGenerator.Spec(4000, 500, 3, 8, 1.0, t0 + 5 * MIN, Duration.ofMinutes(5), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 32);
        ProduceCommand.generate(STACK.connections(), prefix + "-words", first, false);
        FlinkRest rest = new FlinkRest(STACK.config().flinkRestUrl());
        String live = rest.runJar(rest.uploadJar(jobJar()), jobArgs(prefix, "live", prefix + "_live"), 2, null);
        awaitTotals(prefix + "_live", withoutNewest(TextGenerator.wordsPerWindow(first, MIN)), Duration.ofMinutes(2));
        Deadline.await("a completed checkpoint", Duration.ofMinutes(1), () -> rest.completedCheckpoints(live) > 0);

        long faultStart = System.nanoTime();
        fault.inject(rest, live, () -> ProduceCommand.generate(STACK.connections(), prefix + "-words", second, false));
        Map<Long, Long> all = TextGenerator.wordsPerWindow(first, MIN);
        TextGenerator.wordsPerWindow(second, MIN).forEach((k, v) -> all.merge(k, v, Long::sum));
        awaitTotals(prefix + "_live", withoutNewest(all), Duration.ofMinutes(4));
        double recovered = (System.nanoTime() - faultStart) / 1e9;
        Deadline.await("the live job running", Duration.ofMinutes(2), () -> rest.state(live).equals("RUNNING"));
        rest.stopWithSavepoint(live, STACK.config().stateDir().resolve("sp").toUri().toString(), true, Duration.ofMinutes(2));
        awaitTotals(prefix + "_live", all, Duration.ofMinutes(1));

        ReplayCommand.Outcome replay = ReplayCommand.run(rest, jobJar(), jobArgs(prefix, "replay", prefix + "_replay"), 2,
                null);
        assertThat(replay.state()).isEqualTo("FINISHED");
        Map<String, Long> liveRows = rows(prefix + "_live");
        assertThat(rows(prefix + "_replay")).isEqualTo(liveRows);
        System.out.printf("FAULT %s: %d records in, %d rows expected (replay), %d rows found, %d job failures, "
                + "all rows back %.1f s after the fault%n", prefix, replay.records(), rows(prefix + "_replay").size(),
                liveRows.size(), rest.failures(live), recovered);
    }

    @Test
    void aTaskManagerKilledMidRunRestartsFromItsCheckpoint() {
        survives("tmkill", (rest, job, produceTheRest) -> {
            ManagedServer tm = STACK.stack().server("flink-taskmanager");
            tm.process().orElseThrow().destroyForcibly(); // kill -9
            Deadline.await("the TaskManager to be gone", Duration.ofSeconds(30), () -> !tm.isRunning());
            produceTheRest.run();
            tm.start(Duration.ofMinutes(2)); // a new TaskManager, as a supervisor (systemd, Kubernetes) would start one
        });
    }

    @Test
    void cassandraUnavailableForAWhileLosesNoWrite() {
        survives("cdown", (rest, job, produceTheRest) -> {
            ManagedServer cassandra = STACK.stack().server("cassandra");
            int before = rest.failures(job);
            cassandra.stop();
            produceTheRest.run(); // windows close and their rows cannot be written
            Deadline.await("the job to fail over the lost writes", Duration.ofMinutes(2), () -> rest.failures(job) > before);
            cassandra.start(Duration.ofMinutes(2));
        });
    }

    @Test
    void aKafkaBrokerRestartMidRunIsCarriedThrough() {
        survives("krestart", (rest, job, produceTheRest) -> {
            ManagedServer kafka = STACK.stack().server("kafka");
            kafka.stop();
            kafka.start(Duration.ofMinutes(2));
            produceTheRest.run();
        });
    }
}
