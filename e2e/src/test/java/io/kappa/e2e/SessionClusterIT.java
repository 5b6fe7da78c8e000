package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kappa.cli.ProduceCommand;
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
    static final RealStack STACK = new RealStack(true);

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
        TopicsCommand.create(STACK.connections(), List.of("s-words", "s-late", "s-dead"), 2, (short) 1);
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

    @Test
    void aBadJobOptionFailsFastWithOneLineNamingIt() {
        assertThatThrownBy(() -> FlinkCli.run(STACK.config(), run(false, "--mode", "replay", "--window", "0s"), 120))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("kappa-job: --window must be greater than zero");
        assertThatThrownBy(() -> FlinkCli.run(STACK.config(), run(false, "--mode", "sideways"), 120))
                .hasMessageContaining("--mode").hasMessageContaining("sideways");
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
                    || n.startsWith("io/kappa/cli/"));
        }
    }
}
