package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.ClientException;
import io.kappa.client.Deadline;
import io.kappa.client.flink.FlinkRest;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.kafka.Produce;
import io.kappa.client.versions.Replay;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.cassandra.WordCounts;
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
@org.junit.jupiter.api.Order(org.junit.jupiter.api.Order.DEFAULT + 1) // after the other classes: RealStack.disposable()
class FaultsIT {
    private static final long MIN = 60_000;

    @RegisterExtension
    static final RealStack STACK = RealStack.disposable();

    /** A retry budget shorter than the outages below: past it, a write fails and the job fails over. */
    private static final Duration SHORT_BUDGET = Duration.ofSeconds(15);

    private static JobArgs jobArgs(String prefix, JobOptions.Mode mode, String keyspace, Duration retryBudget) {
        return STACK.jobArgs(prefix).noWeather().mode(mode).keyspace(keyspace).checkpointInterval(Duration.ofSeconds(2))
                .idleness(Duration.ZERO).with(o -> o.cassandraRetryBudget = retryBudget);
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

    /** What a fault cost: failovers of the live job, Cassandra writes retried, seconds until every row was back. */
    record Cost(int failovers, long retries, double recoverySeconds) {}

    @org.junit.jupiter.api.BeforeEach
    void aTaskManagerAndNoJob() {
        STACK.aTaskManagerAndNoJob(); // whatever a test that failed half-way left
    }

    /** Live job → checkpoint → fault (during which the rest of the input arrives) → drain; rows = a fault-free replay's. */
    private Cost survives(String prefix, Fault fault) {
        return survives(prefix, SHORT_BUDGET, fault);
    }

    private Cost survives(String prefix, Duration retryBudget, Fault fault) {
        STACK.createTopics(prefix, 2);
        long t0 = (System.currentTimeMillis() / MIN - 30) * MIN;
        TextGenerator.Spec first = new TextGenerator.Spec(4000, 500, 3, 8, 1.0, t0, Duration.ofMinutes(5), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 31);
        TextGenerator.Spec second = new TextGenerator.Spec(4000, 500, 3, 8, 1.0, t0 + 5 * MIN, Duration.ofMinutes(5), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 32);
        Produce words = Produce.quietly(STACK.connections().kafka(), prefix + "-words");
        words.generate(first);
        JobRunner runner = STACK.runner();
        String live = runner.start(runner.upload(STACK.jobJar()),
                jobArgs(prefix, JobOptions.Mode.live, prefix + "_live", retryBudget), 2);
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
        long retries = runner.rest().metricSum(live, io.kappa.core.Metrics.CASSANDRA_RETRIES);
        runner.stopWithSavepoint(live, STACK.config().stateDir().resolve("sp").toUri().toString(), true,
                Duration.ofMinutes(2));
        awaitTotals(prefix + "_live", all, Duration.ofMinutes(1));

        Replay.Outcome replay = Replay.run(runner, STACK.jobJar(),
                jobArgs(prefix, JobOptions.Mode.replay, prefix + "_replay", retryBudget), 2, null);
        assertThat(replay.state()).isEqualTo("FINISHED");
        Map<String, Long> liveRows = rows(prefix + "_live");
        assertThat(rows(prefix + "_replay")).isEqualTo(liveRows);
        Cost cost = new Cost(runner.rest().failures(live), retries, recovered);
        System.out.printf("FAULT %s: %d records in, %d rows expected (replay), %d rows found, %d job failures, "
                + "%d Cassandra writes retried (since the last restart), all rows back %.1f s after the fault%n", prefix,
                replay.records(), rows(prefix + "_replay").size(), liveRows.size(), cost.failovers(), cost.retries(),
                cost.recoverySeconds());
        return cost;
    }

    @Test
    void aTaskManagerKilledMidRunRestartsFromItsCheckpoint() {
        survives("tmkill", (runner, job, produceTheRest) -> {
            STACK.replaceTaskManager(produceTheRest);
        });
    }

    /** Cassandra frozen for 20 s (SIGSTOP, then SIGCONT): writes wait and retry, the job does not fail over. */
    @Test
    void cassandraPausedForTwentySecondsIsRiddenOutWithoutAFailover() {
        Cost cost = survives("cpause", Duration.ofMinutes(2), (runner, job, produceTheRest) -> {
            ManagedServer cassandra = STACK.stack().server("cassandra");
            cassandra.signal("STOP");
            try {
                produceTheRest.run(); // windows close and their rows wait for Cassandra
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(20).toNanos()); // the fault itself
            } finally {
                cassandra.signal("CONT");
            }
        });
        assertThat(cost.failovers()).as("failovers while Cassandra was paused").isZero();
        assertThat(cost.retries()).as("writes retried").isPositive();
    }

    /** Down for longer than the retry budget (15 s here): the job fails over and, Cassandra back, recovers every row. */
    @Test
    void cassandraUnavailableForAWhileLosesNoWrite() {
        survives("cdown", (runner, job, produceTheRest) -> {
            ManagedServer cassandra = STACK.stack().server("cassandra");
            int before = runner.rest().failures(job);
            cassandra.stop();
            produceTheRest.run(); // windows close and their rows cannot be written
            Deadline.await("the job to fail over once the retry budget is spent", Duration.ofMinutes(2),
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

    /** A backlog of text over two partitions, produced once per test. */
    private static TextGenerator.Spec backlog(String prefix, long lines) {
        STACK.createTopics(prefix, 2);
        long t0 = (System.currentTimeMillis() / MIN - 120) * MIN;
        TextGenerator.Spec spec = new TextGenerator.Spec(lines, 5000, 5, 10, 1.0, t0, Duration.ofMinutes(60), 0, Duration.ZERO,
                0, Duration.ZERO, 41);
        long start = System.nanoTime();
        Produce.quietly(STACK.connections().kafka(), prefix + "-words").generate(spec);
        System.out.printf("BACKLOG %s: %,d lines produced in %.1f s%n", prefix, lines, (System.nanoTime() - start) / 1e9);
        return spec;
    }

    /**
     * A replay that loses its TaskManager after a checkpoint taken past 30 % goes on from its last checkpoint, not from offset zero,
     * and still finishes by itself (the bounded Kafka source restored: FLINK-31006); its rows are a clean replay's.
     */
    @Test
    void aReplayThatLosesItsTaskManagerGoesOnFromItsCheckpointAndFinishesByItself() {
        STACK.freshFlinkCluster(); // the replay's progress is read from metrics, which an earlier kill may have stopped
        long lines = Long.getLong("kappa.resume.lines", 800_000);
        TextGenerator.Spec spec = backlog("rresume", lines);
        JobRunner runner = STACK.runner();
        Replay.Outcome clean = Replay.run(runner, STACK.jobJar(),
                jobArgs("rresume", JobOptions.Mode.replay, "rresume_clean", Duration.ofMinutes(2)), 2, null);
        assertThat(clean.state()).isEqualTo("FINISHED");

        JobArgs args = jobArgs("rresume", JobOptions.Mode.replay, "rresume_fault", Duration.ofMinutes(2))
                .checkpointInterval(Duration.ofSeconds(1));
        long start = System.nanoTime();
        String job = runner.start(runner.upload(STACK.jobJar()), args, 2);
        io.kappa.client.versions.ReplayWatch watch = new io.kappa.client.versions.ReplayWatch(runner.rest(), job,
                new io.kappa.client.kafka.Offsets(STACK.connections().kafka()).starts(java.util.List.of("rresume-words"), null),
                new io.kappa.client.kafka.Offsets(STACK.connections().kafka()).endOffsets(java.util.List.of("rresume-words")));
        Deadline.await("the replay at 30 % of its records", Duration.ofMinutes(3), () -> fraction(watch) >= 0.3);
        // checkpoints run one at a time, so one with a higher id than the newest the REST API knows of now was triggered
        // after the replay was seen at 30 %: it holds at least the offsets read then (the figures may be a few seconds
        // old, a small share of the records). The kill comes once such a checkpoint has completed.
        long newestAt30 = runner.rest().checkpointIds(job).newest();
        double secondsAt30 = (System.nanoTime() - start) / 1e9;
        Deadline.await("a checkpoint triggered after 30 % to complete", Duration.ofMinutes(3), () -> {
            String state;
            FlinkRest.CheckpointIds ids;
            try {
                state = runner.state(job);
                ids = runner.rest().checkpointIds(job);
            } catch (ClientException e) {
                return false;
            }
            assertThat(state).as("the replay finished before the kill: raise -Dkappa.resume.lines")
                    .isNotEqualTo("FINISHED");
            return ids.latestCompleted() > newestAt30;
        });
        double killedAt = watch.look(0).fraction();
        double secondsAtKill = (System.nanoTime() - start) / 1e9;
        STACK.replaceTaskManager(() -> {});
        Deadline.await("the replay to finish by itself", Duration.ofMinutes(5), // not RESTARTING: that goes on
                () -> java.util.Set.of("FINISHED", "FAILED", "CANCELED").contains(runner.state(job)));
        // the job's restored checkpoint, from the REST API's checkpoint figures (not from its metrics: until their next
        // fetch those can be the killed tasks' last values, which is how an earlier form of this test measured nothing)
        long restored = runner.rest().checkpointIds(job).restored();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(runner.state(job)).as("the replay's state; its root exception: %s",
                runner.state(job).equals("FINISHED") ? "none" : runner.rest().rootException(job)).isEqualTo("FINISHED");
        System.out.printf("RESUME: %,d lines; clean replay %.1f s; 30 %% read at %.1f s, the newest checkpoint then %d;"
                        + " killed at %.1f s (%.0f %% read), then restored checkpoint %d and finished by itself after %.1f s,"
                        + " %d failovers%n", lines, clean.seconds(), secondsAt30, newestAt30, secondsAtKill, 100 * killedAt,
                restored, seconds, runner.rest().failures(job));
        assertThat(restored).as("the checkpoint the replay went on from: one triggered after 30 %, not offset zero")
                .isGreaterThan(newestAt30);
        assertThat(rows("rresume_fault")).isEqualTo(rows("rresume_clean")).hasSizeGreaterThan(1000);
        assertThat(WordCounts.totals(rows("rresume_fault"))).isEqualTo(TextGenerator.wordsPerWindow(spec, MIN));
    }

    private static double fraction(io.kappa.client.versions.ReplayWatch watch) {
        try {
            return watch.look(0).fraction();
        } catch (ClientException e) {
            return 0;
        }
    }

    /**
     * A live job started on a large backlog catches up into Cassandra without one failover (the sink bends:
     * retries, fewer writes in flight, back-pressure) and counts every word.
     */
    @Test
    void aLiveJobCatchesUpOnALargeBacklogWithoutAFailover() {
        long lines = Long.getLong("kappa.backlog.lines", 1_000_000);
        TextGenerator.Spec spec = backlog("backlog", lines);
        JobRunner runner = STACK.runner();
        long start = System.nanoTime();
        String job = runner.start(runner.upload(STACK.jobJar()),
                jobArgs("backlog", JobOptions.Mode.live, "backlog_live", Duration.ofMinutes(2)), 2);
        Map<Long, Long> expected = TextGenerator.wordsPerWindow(spec, MIN);
        awaitTotals("backlog_live", withoutNewest(expected), Duration.ofMinutes(8));
        double seconds = (System.nanoTime() - start) / 1e9;
        long retries = runner.rest().metricSum(job, io.kappa.core.Metrics.CASSANDRA_RETRIES);
        long throttled = runner.rest().metricMax(job, io.kappa.core.Metrics.CASSANDRA_THROTTLED_MILLIS);
        int failovers = runner.rest().failures(job);
        runner.stopWithSavepoint(job, STACK.config().stateDir().resolve("sp").toUri().toString(), true, Duration.ofMinutes(2));
        awaitTotals("backlog_live", expected, Duration.ofMinutes(1));
        System.out.printf("BACKLOG: %,d lines caught up in %.1f s, %d failovers, %d writes retried, sink throttled "
                + "%.1f s%n", lines, seconds, failovers, retries, throttled / 1000.0);
        assertThat(failovers).as("failovers while catching up").isZero();
    }
}
