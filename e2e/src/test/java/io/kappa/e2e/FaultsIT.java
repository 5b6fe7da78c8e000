package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.ClientException;
import io.kappa.client.Deadline;
import io.kappa.client.JobRunner;
import io.kappa.client.Produce;
import io.kappa.client.Replay;
import io.kappa.client.TextGenerator;
import io.kappa.client.WordCounts;
import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import io.kappa.stack.ManagedServer;
import java.time.Duration;
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

    private static JobArgs jobArgs(String prefix, JobOptions.Mode mode, String keyspace) {
        return STACK.jobArgs(prefix).noWeather().mode(mode).keyspace(keyspace).checkpointInterval(Duration.ofSeconds(2))
                .idleness(Duration.ZERO);
    }

    private static Map<String, Long> rows(String keyspace) {
        try {
            return STACK.wordCounts(keyspace);
        } catch (RuntimeException e) {
            return Map.of(); // Cassandra is down right now
        }
    }

    private static void awaitTotals(String keyspace, Map<Long, Long> expected, Duration timeout) {
        try {
            Deadline.await(keyspace + " totals", timeout, () -> WordCounts.totals(rows(keyspace)).equals(expected));
        } catch (ClientException e) {
            throw new AssertionError(e.getMessage() + ": expected " + expected + " but has "
                    + WordCounts.totals(rows(keyspace)));
        }
    }

    private static TreeMap<Long, Long> withoutNewest(Map<Long, Long> totals) {
        TreeMap<Long, Long> t = new TreeMap<>(totals);
        t.pollLastEntry();
        return t;
    }

    /** A fault, given the live job's id and the production of the rest of the input (it decides when). */
    interface Fault {
        void inject(JobRunner runner, String jobId, Runnable produceTheRest);
    }

    /** Live job → checkpoint → fault (during which the rest of the input arrives) → drain; rows = a fault-free replay's. */
    private void survives(String prefix, Fault fault) {
        STACK.createTopics(prefix, 2);
        long t0 = (System.currentTimeMillis() / MIN - 30) * MIN;
        TextGenerator.Spec first = new TextGenerator.Spec(4000, 500, 3, 8, 1.0, t0, Duration.ofMinutes(5), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 31);
        TextGenerator.Spec second = new TextGenerator.Spec(4000, 500, 3, 8, 1.0, t0 + 5 * MIN, Duration.ofMinutes(5), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 32);
        Produce words = Produce.quietly(STACK.connections().kafka(), prefix + "-words");
        words.generate(first);
        JobRunner runner = STACK.runner();
        String live = runner.start(runner.upload(STACK.jobJar()), jobArgs(prefix, JobOptions.Mode.live, prefix + "_live"), 2);
        awaitTotals(prefix + "_live", withoutNewest(TextGenerator.wordsPerWindow(first, MIN)), Duration.ofMinutes(2));
        Deadline.await("a completed checkpoint", Duration.ofMinutes(1),
                () -> runner.rest().completedCheckpoints(live) > 0);

        long faultStart = System.nanoTime();
        fault.inject(runner, live, () -> words.generate(second));
        Map<Long, Long> all = TextGenerator.wordsPerWindow(first, MIN);
        TextGenerator.wordsPerWindow(second, MIN).forEach((k, v) -> all.merge(k, v, Long::sum));
        awaitTotals(prefix + "_live", withoutNewest(all), Duration.ofMinutes(4));
        double recovered = (System.nanoTime() - faultStart) / 1e9;
        runner.awaitRunning(live, "the live job running", Duration.ofMinutes(2));
        runner.stopWithSavepoint(live, STACK.config().stateDir().resolve("sp").toUri().toString(), true,
                Duration.ofMinutes(2));
        awaitTotals(prefix + "_live", all, Duration.ofMinutes(1));

        Replay.Outcome replay = Replay.run(runner, STACK.jobJar(),
                jobArgs(prefix, JobOptions.Mode.replay, prefix + "_replay"), 2, null);
        assertThat(replay.state()).isEqualTo("FINISHED");
        Map<String, Long> liveRows = rows(prefix + "_live");
        assertThat(rows(prefix + "_replay")).isEqualTo(liveRows);
        System.out.printf("FAULT %s: %d records in, %d rows expected (replay), %d rows found, %d job failures, "
                + "all rows back %.1f s after the fault%n", prefix, replay.records(), rows(prefix + "_replay").size(),
                liveRows.size(), runner.rest().failures(live), recovered);
    }

    @Test
    void aTaskManagerKilledMidRunRestartsFromItsCheckpoint() {
        survives("tmkill", (runner, job, produceTheRest) -> {
            ManagedServer tm = STACK.stack().server("flink-taskmanager");
            tm.process().orElseThrow().destroyForcibly(); // kill -9
            Deadline.await("the TaskManager to be gone", Duration.ofSeconds(30), () -> !tm.isRunning());
            produceTheRest.run();
            tm.start(Duration.ofMinutes(2)); // a new TaskManager, as a supervisor (systemd, Kubernetes) would start one
        });
    }

    @Test
    void cassandraUnavailableForAWhileLosesNoWrite() {
        survives("cdown", (runner, job, produceTheRest) -> {
            ManagedServer cassandra = STACK.stack().server("cassandra");
            int before = runner.rest().failures(job);
            cassandra.stop();
            produceTheRest.run(); // windows close and their rows cannot be written
            Deadline.await("the job to fail over the lost writes", Duration.ofMinutes(2),
                    () -> runner.rest().failures(job) > before);
            cassandra.start(Duration.ofMinutes(2));
        });
    }

    @Test
    void aKafkaBrokerRestartMidRunIsCarriedThrough() {
        survives("krestart", (runner, job, produceTheRest) -> {
            ManagedServer kafka = STACK.stack().server("kafka");
            kafka.stop();
            kafka.start(Duration.ofMinutes(2));
            produceTheRest.run();
        });
    }
}
