package io.kappa.e2e;

import io.kappa.client.Topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kappa.cli.DiffCommand;
import io.kappa.cli.ProduceCommand;
import io.kappa.cli.ReplayCommand;
import io.kappa.cli.Serving;
import io.kappa.cli.Results;
import io.kappa.cli.TextGenerator;
import io.kappa.cli.TopicsCommand;
import io.kappa.stack.Deadline;
import io.kappa.stack.FlinkCli;
import io.kappa.stack.FlinkRest;
import io.kappa.stack.ManagedServer;
import io.kappa.stack.StackException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    private static Path jobJar() {
        return STACK.config().home().resolve("job/target/kappa-job.jar");
    }

    private static List<String> run(boolean detached, String... jobArgs) {
        List<String> args = new ArrayList<>(List.of("run"));
        if (detached) {
            args.add("-d");
        }
        args.add(jobJar().toString());
        args.addAll(List.of("--bootstrap-servers", STACK.bootstrapServers(),
                "--cassandra-port", Integer.toString(STACK.cassandraPort()),
                "--words-topic", "s-words", "--late-topic", "s-late", "--dead-letter-topic", "s-dead", "--no-weather"));
        args.addAll(List.of(jobArgs));
        return args;
    }

    private static List<String> jobArgs(String prefix, String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", STACK.bootstrapServers(),
                "--cassandra-port", Integer.toString(STACK.cassandraPort()), "--words-topic", prefix + "-words",
                "--late-topic", prefix + "-late", "--dead-letter-topic", prefix + "-dead", "--no-weather",
                "--group-id", prefix + "-live", "--checkpoint-interval", "2s"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void webUiSubmissionReplayBesideLiveDiffPromoteSavepointAndRescale() {
        // 4 partitions: rescaling to 3 must not leave a source reader without a partition (see docs/operations.md)
        Topics.create(STACK.connections().kafka(), List.of("ops-words", "ops-late", "ops-dead"), 4, (short) 1);
        long t0 = (System.currentTimeMillis() / MIN - 40) * MIN;
        TextGenerator.Spec first = new TextGenerator.Spec(3000, 400, 3, 8, 1.0, t0, Duration.ofMinutes(6), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 21);
        TextGenerator.Spec second = new TextGenerator.Spec(3000, 400, 3, 8, 1.0, t0 + 6 * MIN, Duration.ofMinutes(6), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 22);
        ProduceCommand.generate(STACK.connections(), "ops-words", first, false);
        FlinkRest rest = new FlinkRest(STACK.config().flinkRestUrl());

        // 1. the web UI's path: upload the jar, run it with program arguments; main() works detached
        String jarId = rest.uploadJar(jobJar());
        String live = rest.runJar(jarId, jobArgs("ops", "--mode", "live", "--keyspace", "ops_live"), 2, null);
        TreeMap<Long, Long> closed = new TreeMap<>(TextGenerator.wordsPerWindow(first, MIN));
        closed.pollLastEntry();
        Deadline.await("the live job's closed windows", Duration.ofMinutes(2),
                () -> Results.totals(rows("ops_live")).equals(closed));

        // 2. replay beside live into a new version, with progress; diff; promote
        java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
        ReplayCommand.Outcome replay = ReplayCommand.run(rest, jobJar(),
                jobArgs("ops", "--mode", "replay", "--keyspace", "ops_v2"), 2, new java.io.PrintStream(progress, true));
        assertThat(replay.state()).isEqualTo("FINISHED");
        assertThat(replay.records()).isEqualTo(3000);
        assertThat(progress.toString()).contains("replay [").contains("3,000/3,000 records");
        assertThat(rest.state(live)).isEqualTo("RUNNING");
        Map<String, Long> v2 = rows("ops_v2");
        DiffCommand.Diff diff = DiffCommand.compare(rows("ops_live"), v2);
        assertThat(diff.different()).isEmpty();
        assertThat(diff.onlyLeft()).isEmpty();
        assertThat(diff.equal()).isEqualTo(rows("ops_live").size());
        Serving.promote(STACK.connections().cassandra("ops_v2", 1));
        assertThat(Serving.resolve(null, STACK.connections())).isEqualTo("ops_v2");

        // 3. stop with a savepoint, more data arrives, resume from it with a higher parallelism
        String savepoint = rest.stopWithSavepoint(live, STACK.config().stateDir().resolve("sp").toUri().toString(), false,
                Duration.ofMinutes(1));
        assertThat(rest.state(live)).isEqualTo("FINISHED");
        ProduceCommand.generate(STACK.connections(), "ops-words", second, false);
        String resumed = rest.runJar(jarId, jobArgs("ops", "--mode", "live", "--keyspace", "ops_live"), 3, savepoint);
        Map<Long, Long> all = TextGenerator.wordsPerWindow(first, MIN);
        TextGenerator.wordsPerWindow(second, MIN).forEach((k, v) -> all.merge(k, v, Long::sum));
        TreeMap<Long, Long> allClosed = new TreeMap<>(all);
        allClosed.pollLastEntry();
        awaitTotals("ops_live", allClosed, "the resumed job's closed windows");
        rest.stopWithSavepoint(resumed, STACK.config().stateDir().resolve("sp").toUri().toString(), true,
                Duration.ofMinutes(1));
        awaitTotals("ops_live", all, "every window after the drain");

        ReplayCommand.Outcome again = ReplayCommand.run(rest, jobJar(),
                jobArgs("ops", "--mode", "replay", "--keyspace", "ops_v3"), 2, null);
        assertThat(again.records()).isEqualTo(6000);
        assertThat(rows("ops_v3")).isEqualTo(rows("ops_live"));
    }

    private static void awaitTotals(String keyspace, Map<Long, Long> expected, String what) {
        try {
            Deadline.await(what, Duration.ofMinutes(1), () -> Results.totals(rows(keyspace)).equals(expected));
        } catch (StackException e) {
            throw new AssertionError(e.getMessage() + ": expected " + expected + " but " + keyspace + " has "
                    + Results.totals(rows(keyspace)));
        }
    }

    private static Map<String, Long> rows(String keyspace) {
        try (Results r = new Results(STACK.connections().cassandra(keyspace, 1))) {
            return r.all();
        }
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
        Topics.create(STACK.connections().kafka(), List.of("s-words", "s-late", "s-dead"), 2, (short) 1);
        long t0 = (System.currentTimeMillis() / MIN - 30) * MIN;
        TextGenerator.Spec spec = new TextGenerator.Spec(3000, 500, 3, 8, 1.0, t0, Duration.ofMinutes(6), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 11);
        ProduceCommand.generate(STACK.connections(), "s-words", spec, false);
        TreeMap<Long, Long> closed = new TreeMap<>(TextGenerator.wordsPerWindow(spec, MIN));
        closed.pollLastEntry();

        String submitted = FlinkCli.run(STACK.config(), run(true, "--mode", "live", "--keyspace", "session_live",
                "--group-id", "session-live"), 180);
        assertThat(submitted).contains("Job has been submitted with JobID");
        Deadline.await("the live job's closed windows in Cassandra", Duration.ofMinutes(2),
                () -> Results.totals(rows("session_live")).equals(closed));
        FlinkRest rest = new FlinkRest(STACK.config().flinkRestUrl());
        FlinkRest.Job live = rest.jobs().stream().filter(j -> j.name().equals("kappa-live-session_live")).findFirst()
                .orElseThrow();
        assertThat(live.state()).isEqualTo("RUNNING");

        String replayed = FlinkCli.run(STACK.config(), run(false, "--mode", "replay", "--keyspace", "session_replay"), 300);
        assertThat(replayed).contains("has finished");
        Map<String, Long> replayRows = rows("session_replay");
        Map<String, Long> liveRows = rows("session_live");
        assertThat(Results.totals(replayRows)).isEqualTo(TextGenerator.wordsPerWindow(spec, MIN));
        replayRows.keySet().retainAll(liveRows.keySet());
        assertThat(replayRows).isEqualTo(liveRows);
        rest.cancel(live.id());
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
        Topics.create(STACK.connections().kafka(), List.of("s-words", "s-late", "s-dead"), 2, (short) 1);
        assertThat(failureOf("--mode", "replay", "--cassandra-port", "1"))
                .isEqualTo("kappa-job: cannot reach Cassandra at 127.0.0.1:1 (--cassandra-hosts, --cassandra-port): "
                        + "is it running? (bin/kappa status)");
        assertThat(failureOf("--mode", "replay", "--bootstrap-servers", "127.0.0.1:1"))
                .isEqualTo("kappa-job: cannot reach Kafka at 127.0.0.1:1 (--bootstrap-servers) within 15s: is it running? "
                        + "(bin/kappa status)");
    }

    @Test
    void theJobJarCarriesTheConnectorsButNoServerOrFlinkRuntimeJars() throws Exception {
        try (JarFile jar = new JarFile(jobJar().toFile())) {
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
