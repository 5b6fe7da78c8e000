package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.cli.KappaCli;
import io.kappa.client.Deadline;
import io.kappa.core.Settings;
import io.kappa.stack.FlinkCli;
import io.kappa.stack.StackSecurity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user with their own Flink session cluster, Kafka and Cassandra — here a secured stack (Kafka SASL_SSL, Cassandra
 * with a password and TLS) on ports that are nobody's default, started as if it were someone else's — drives the
 * whole cycle of docs/own-cluster.md with one configuration file and nothing else: no address on any command line, no
 * environment variable, every secret in the file. Topics, the first version with {@code version start}, a replay through
 * the REST API and one through {@code flink run}, a second version, diff, promote, retire.
 */
class OwnClusterIT {
    @RegisterExtension
    static final RealStack STACK = RealStack.secured();

    @TempDir
    Path dir;

    private Path config;

    /** Runs a bin/kappa command line in this JVM as bin/kappa would, with the file and no environment. */
    private String kappa(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--config", config.toString()));
        int dash = all.indexOf("--");
        if (dash >= 0) { // --config before the job's own options
            all.remove(all.size() - 1);
            all.remove(all.size() - 1);
            all.addAll(dash, List.of("--config", config.toString()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = KappaCli.commandLine(Settings.of(all, Map.of(), dir)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(all.toArray(String[]::new));
        System.out.println("OWN CLUSTER | bin/kappa " + String.join(" ", args) + " --config kappa.properties → exit "
                + exit + "\n" + out.toString().indent(4) + err.toString().indent(4));
        assertThat(exit).as("bin/kappa " + String.join(" ", args) + ": " + err).isZero();
        return out.toString();
    }

    @Test
    void theWholeCycleFromOneConfigurationFile() throws Exception {
        System.setProperty("kappa.home", STACK.config().home().toString());
        StackSecurity security = STACK.config().security();
        StringBuilder file = new StringBuilder("# someone else's cluster: every address and secret is here\n");
        file.append("bootstrap-servers=").append(STACK.bootstrapServers()).append('\n');
        file.append("cassandra-hosts=").append(STACK.cassandraHosts()).append('\n');
        file.append("cassandra-port=").append(STACK.cassandraPort()).append('\n');
        file.append("flink-url=").append(STACK.config().flinkRestUrl()).append('\n');
        security.kafkaClientProperties().forEach((k, v) -> file.append("kafka.").append(k).append('=')
                .append(v.replace("\\", "\\\\")).append('\n'));
        security.cassandraClientProperties().forEach((k, v) -> file.append("cassandra.").append(k).append('=')
                .append(v.replace("\\", "\\\\")).append('\n'));
        config = Files.writeString(dir.resolve("kappa.properties"), file);

        String settings = kappa("config");
        assertThat(settings).contains(STACK.bootstrapServers(), Integer.toString(STACK.cassandraPort()),
                STACK.config().flinkRestUrl()).doesNotContain("(default)\n  --flink-url");
        security.clientSecrets().forEach(s -> assertThat(settings).doesNotContain(s));

        assertThat(kappa("topics", "create", "--partitions", "2")).contains("words  created", "retention.ms=-1");
        kappa("produce", "words", "--generate", "3000", "--span", "20m", "--quiet");
        kappa("produce", "weather", "--cities", "10", "--span", "2h", "--interval", "10m", "--quiet");

        // the first version is a version
        assertThat(kappa("version", "start", "kappa", "--no-wait", "--parallelism", "1")).contains("version kappa");
        Deadline.await("version kappa's rows", Duration.ofMinutes(3), () -> !STACK.wordCounts("kappa").isEmpty());

        // a replay through the REST API, and one through flink run with the cluster's address and the same file
        assertThat(kappa("replay", "--keyspace", "kappa_replay", "--parallelism", "1", "--quiet")).contains("FINISHED");
        String ran = FlinkCli.run(STACK.config(), List.of("run", "-m", "localhost:" + STACK.config().flinkRestPort(),
                "-p", "1", STACK.jobJar().toString(), "--mode", "replay", "--keyspace", "kappa_flinkrun", "--config",
                config.toString()), 300, Map.of());
        assertThat(ran).contains("Job has been submitted with JobID");
        assertThat(STACK.wordCounts("kappa_flinkrun")).isEqualTo(STACK.wordCounts("kappa_replay"));

        // a new version beside it, compared, promoted; the old one retired
        kappa("version", "start", "kappa_v2", "--no-wait", "--parallelism", "1", "--", "--allowed-lateness", "2m");
        Deadline.await("version kappa_v2's rows", Duration.ofMinutes(3), () -> !STACK.wordCounts("kappa_v2").isEmpty());
        assertThat(kappa("diff", "kappa", "kappa_replay")).contains(" 0 logic").contains("weather rows equal");
        assertThat(kappa("promote", "kappa_v2", "--wait", "3m")).contains("kappa_v2");
        assertThat(kappa("version", "retire", "kappa")).contains("kappa");
        assertThat(kappa("version", "list")).contains("kappa_v2");

        // a live version started with a plain flink run is adopted, with the options it runs with
        FlinkCli.run(STACK.config(), List.of("run", "-d", "-m", "localhost:" + STACK.config().flinkRestPort(), "-p", "1",
                STACK.jobJar().toString(), "--mode", "live", "--keyspace", "kappa_plain", "--group-id", "kappa_plain",
                "--allowed-lateness", "3m", "--config", config.toString()), 300, Map.of());
        Deadline.await("the plain flink run's version listed", Duration.ofMinutes(2),
                () -> quietly("version", "list").contains("kappa_plain"));
        assertThat(new io.kappa.client.versions.VersionRegistry(STACK.connections().cassandra()
                .keyspace(io.kappa.job.JobOptions.DEFAULT_KEYSPACE)).all())
                .filteredOn(e -> e.name().equals("kappa_plain")).singleElement()
                .satisfies(e -> assertThat(e.groupId()).isEqualTo("kappa_plain"))
                .satisfies(e -> assertThat(e.allowedLatenessMs()).isEqualTo(180_000));

        // no silent waits: a version the cluster has no task slots for is refused, in one line
        String refused = failing("version", "start", "kappa_v3", "--parallelism", "8");
        assertThat(refused).contains("task slots free", "needs 8");

        // the log is the truth: history that retention deleted is named, and a replay refuses to pretend
        try (org.apache.kafka.clients.admin.Admin admin = io.kappa.client.kafka.Topics.admin(
                STACK.connections().kafka())) {
            admin.deleteRecords(Map.of(new org.apache.kafka.common.TopicPartition("words", 0),
                    org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(10))).all().get();
        }
        assertThat(failing("replay", "--keyspace", "kappa_cut", "--quiet"))
                .contains("history is gone", "words-0 starts at offset 10", "--allow-truncated-history");
    }

    private String quietly(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--config", config.toString()));
        StringWriter out = new StringWriter();
        KappaCli.commandLine(Settings.of(all, Map.of(), dir)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true)).execute(all.toArray(String[]::new));
        return out.toString();
    }

    /** A command that must fail: its one line. */
    private String failing(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--config", config.toString()));
        StringWriter err = new StringWriter();
        int exit = KappaCli.commandLine(Settings.of(all, Map.of(), dir)).setOut(new PrintWriter(new StringWriter(), true))
                .setErr(new PrintWriter(err, true)).execute(all.toArray(String[]::new));
        System.out.println("OWN CLUSTER | bin/kappa " + String.join(" ", args) + " → exit " + exit + ": " + err.toString().trim());
        assertThat(exit).isNotZero();
        assertThat(err.toString().lines().filter(l -> !l.isBlank()).count()).isEqualTo(1);
        return err.toString();
    }
}
