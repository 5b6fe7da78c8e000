package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.ClientException;
import io.kappa.client.Deadline;
import io.kappa.client.cassandra.Diff;
import io.kappa.client.flink.FlinkRest;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.kafka.Produce;
import io.kappa.client.versions.Replay;
import io.kappa.client.versions.Serving;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.job.JobArgs;
import io.kappa.job.JobNames;
import io.kappa.job.JobOptions;
import io.kappa.stack.FlinkCli;
import io.kappa.stack.ManagedServer;
import io.kappa.stack.StackException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a user does: the whole local stack (Kafka, Cassandra, a Flink session cluster of two JVMs started from
 * flink-conf/), the shaded job jar submitted with the flink CLI wrapper in live mode, then a replay.
 */
class SessionClusterIT {
    private static final long MIN = 60_000;

    @RegisterExtension
    static final RealStack STACK = RealStack.shared();

    /** The words of the prefix's topics, into a keyspace, checkpointing every 2 s when live. */
    private static JobArgs words(String prefix, JobOptions.Mode mode, String keyspace) {
        return STACK.jobArgs(prefix).noWeather().mode(mode).keyspace(keyspace).checkpointInterval(Duration.ofSeconds(2));
    }

    /** The job through the flink CLI on the s-* topics, then arguments as a user types them. */
    private static List<String> run(boolean detached, String... jobArgs) {
        return STACK.flinkRun(detached, STACK.jobArgs("s").noWeather(), jobArgs);
    }

    @Test
    void webUiSubmissionReplayBesideLiveDiffPromoteSavepointAndRescale() {
        // 4 partitions: rescaling to 3 must not leave a source reader without a partition (see docs/operations.md)
        STACK.createTopics("ops", 4);
        long t0 = (System.currentTimeMillis() / MIN - 40) * MIN;
        TextGenerator.Spec first = new TextGenerator.Spec(3000, 400, 3, 8, 1.0, t0, Duration.ofMinutes(6), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 21);
        TextGenerator.Spec second = new TextGenerator.Spec(3000, 400, 3, 8, 1.0, t0 + 6 * MIN, Duration.ofMinutes(6), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 22);
        Produce.quietly(STACK.connections().kafka(), "ops-words").generate(first);
        JobRunner runner = STACK.runner();

        // 1. the web UI's path: upload the jar, run it with program arguments; main() works detached
        String jarId = runner.upload(STACK.jobJar());
        String live = runner.start(jarId, words("ops", JobOptions.Mode.live, "ops_live"), 2);
        TreeMap<Long, Long> closed = new TreeMap<>(TextGenerator.wordsPerWindow(first, MIN));
        closed.pollLastEntry();
        Deadline.await("the live job's closed windows", Duration.ofMinutes(2),
                () -> WordCounts.totals(rows("ops_live")).equals(closed));

        // 2. replay beside live into a new version, with progress; diff; promote
        java.io.StringWriter progress = new java.io.StringWriter();
        Replay.Outcome replay = Replay.run(runner, STACK.jobJar(), words("ops", JobOptions.Mode.replay, "ops_v2"), 2,
                new java.io.PrintWriter(progress, true));
        assertThat(replay.state()).isEqualTo("FINISHED");
        assertThat(replay.records()).isEqualTo(3000);
        assertThat(progress.toString()).contains("replay [").contains("3,000/3,000 records");
        assertThat(runner.state(live)).isEqualTo("RUNNING");
        Map<String, Long> v2 = rows("ops_v2");
        Diff diff = Diff.compare(rows("ops_live"), v2);
        assertThat(diff.different()).isEmpty();
        assertThat(diff.onlyLeft()).isEmpty();
        assertThat(diff.equal()).isEqualTo(rows("ops_live").size());
        Serving.promote(STACK.connections().cassandra("ops_v2", 1));
        assertThat(Serving.served(STACK.connections().cassandra(Serving.FALLBACK, 1))).isEqualTo("ops_v2");

        // 3. stop with a savepoint, more data arrives, resume from it with a higher parallelism
        String savepoint = runner.stopWithSavepoint(live, STACK.config().stateDir().resolve("sp").toUri().toString(),
                false, Duration.ofMinutes(1));
        assertThat(runner.state(live)).isEqualTo("FINISHED");
        Produce.quietly(STACK.connections().kafka(), "ops-words").generate(second);
        String resumed = runner.resume(jarId, words("ops", JobOptions.Mode.live, "ops_live"), 3, savepoint);
        Map<Long, Long> all = TextGenerator.wordsPerWindow(first, MIN);
        TextGenerator.wordsPerWindow(second, MIN).forEach((k, v) -> all.merge(k, v, Long::sum));
        TreeMap<Long, Long> allClosed = new TreeMap<>(all);
        allClosed.pollLastEntry();
        awaitTotals("ops_live", allClosed, "the resumed job's closed windows");
        runner.stopWithSavepoint(resumed, STACK.config().stateDir().resolve("sp").toUri().toString(), true,
                Duration.ofMinutes(1));
        awaitTotals("ops_live", all, "every window after the drain");

        Replay.Outcome again = Replay.run(runner, STACK.jobJar(), words("ops", JobOptions.Mode.replay, "ops_v3"), 2, null);
        assertThat(again.records()).isEqualTo(6000);
        assertThat(rows("ops_v3")).isEqualTo(rows("ops_live"));
    }

    private static void awaitTotals(String keyspace, Map<Long, Long> expected, String what) {
        try {
            Deadline.await(what, Duration.ofMinutes(1), () -> WordCounts.totals(rows(keyspace)).equals(expected));
        } catch (ClientException e) {
            throw new AssertionError(e.getMessage() + ": expected " + expected + " but " + keyspace + " has "
                    + WordCounts.totals(rows(keyspace)));
        }
    }

    private static Map<String, Long> rows(String keyspace) {
        return STACK.wordCounts(keyspace);
    }

    @Test
    void upIsSafeToRunTwice() {
        for (ManagedServer s : STACK.stack().servers()) {
            assertThat(s.isRunning()).as(s.name()).isTrue();
            assertThat(s.start(Duration.ofSeconds(30))).as(s.name() + " started again").isFalse();
        }
    }

    @Test
    void theShadedJarRunsLiveAndAsAReplayOnTheSessionClusterThroughTheFlinkCli() {
        STACK.createTopics("s", 2);
        long t0 = (System.currentTimeMillis() / MIN - 30) * MIN;
        TextGenerator.Spec spec = new TextGenerator.Spec(3000, 500, 3, 8, 1.0, t0, Duration.ofMinutes(6), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 11);
        Produce.quietly(STACK.connections().kafka(), "s-words").generate(spec);
        TreeMap<Long, Long> closed = new TreeMap<>(TextGenerator.wordsPerWindow(spec, MIN));
        closed.pollLastEntry();

        String submitted = FlinkCli.run(STACK.config(), STACK.flinkRun(true, STACK.jobArgs("s").noWeather()
                .keyspace("session_live").groupId("session-live")), 180);
        assertThat(submitted).contains("Job has been submitted with JobID");
        Deadline.await("the live job's closed windows in Cassandra", Duration.ofMinutes(2),
                () -> WordCounts.totals(rows("session_live")).equals(closed));
        JobRunner runner = STACK.runner();
        FlinkRest.Job live = runner.jobs().stream()
                .filter(j -> j.name().equals(JobNames.of(JobOptions.Mode.live, "session_live"))).findFirst().orElseThrow();
        assertThat(live.state()).isEqualTo("RUNNING");

        String replayed = FlinkCli.run(STACK.config(), STACK.flinkRun(false, STACK.jobArgs("s").noWeather()
                .mode(JobOptions.Mode.replay).keyspace("session_replay")), 300);
        assertThat(replayed).contains("has finished");
        Map<String, Long> replayRows = rows("session_replay");
        Map<String, Long> liveRows = rows("session_live");
        assertThat(WordCounts.totals(replayRows)).isEqualTo(TextGenerator.wordsPerWindow(spec, MIN));
        replayRows.keySet().retainAll(liveRows.keySet());
        assertThat(replayRows).isEqualTo(liveRows);
        runner.cancel(live.id());
    }

    /** What `bin/flink run` prints for a configuration error: exit status 2 and one line, no stack trace. */
    private static String failureOf(String... jobArgs) {
        try {
            FlinkCli.run(STACK.config(), run(false, jobArgs), 120);
        } catch (StackException e) {
            assertThat(e.getMessage()).contains("failed (exit 2)").doesNotContain("\tat ").doesNotContain("Exception");
            return e.getMessage().substring(e.getMessage().indexOf('\n') + 1).trim();
        }
        throw new AssertionError("the job was submitted despite " + String.join(" ", jobArgs));
    }

    @Test
    void configurationErrorsFailFastWithOneLineNamingTheOption() {
        assertThat(failureOf("--mode", "replay", "--window", "0s"))
                .isEqualTo("kappa-job: --window must be greater than zero, was PT0S");
        assertThat(failureOf("--mode", "sideways")).startsWith("kappa-job: Invalid value for option '--mode'")
                .contains("sideways");
        assertThat(failureOf("--no-such-option")).startsWith("kappa-job: Unknown option: '--no-such-option'");
        assertThat(failureOf("--mode", "replay", "--words-topic", "no-such-topic"))
                .isEqualTo("kappa-job: topic 'no-such-topic' (--words-topic) does not exist on " + STACK.bootstrapServers()
                        + ": create it with bin/kappa topics create");
        STACK.createTopics("s", 2);
        assertThat(failureOf("--mode", "replay", "--cassandra-port", "1"))
                .isEqualTo("kappa-job: cannot reach Cassandra at 127.0.0.1:1 (--cassandra-hosts, --cassandra-port): "
                        + "is it running? (bin/kappa status)");
        assertThat(failureOf("--mode", "replay", "--bootstrap-servers", "127.0.0.1:1"))
                .isEqualTo("kappa-job: cannot reach Kafka at 127.0.0.1:1 (--bootstrap-servers) within 15s: is it running? "
                        + "(bin/kappa status)");
    }

    @Test
    void theJobJarCarriesTheConnectorsButNoServerOrFlinkRuntimeJars() throws Exception {
        try (JarFile jar = new JarFile(STACK.jobJar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.kappa.job.KappaJob");
            List<String> names = jar.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertThat(names).contains("io/kappa/job/KappaJob.class",
                    "org/apache/flink/connector/kafka/source/KafkaSource.class",
                    "org/apache/flink/streaming/connectors/cassandra/CassandraSinkBase.class");
            assertThat(names).noneMatch(n -> n.startsWith("kafka/server/") || n.startsWith("org/apache/cassandra/")
                    || n.startsWith("org/apache/flink/runtime/") || n.startsWith("io/kappa/stack/")
                    || n.startsWith("io/kappa/cli/") || n.startsWith("io/kappa/dashboard/") || n.startsWith("io/javalin/")
                    || n.startsWith("META-INF/resources/webjars/"));
        }
    }
}
