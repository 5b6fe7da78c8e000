package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kappa.cli.Connections;
import io.kappa.client.Deadline;
import io.kappa.client.flink.FlinkRest;
import io.kappa.client.kafka.Produce;
import io.kappa.client.versions.Replay;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.job.JobArgs;
import io.kappa.job.JobNames;
import io.kappa.job.JobOptions;
import io.kappa.stack.FlinkCli;
import io.kappa.stack.StackException;
import io.kappa.stack.StackSecurity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka with SASL_SSL and Cassandra with a password and TLS, reached by the job (through
 * {@code flink run} and through the web UI's REST calls) and by the CLI, with the secrets in properties files and
 * environment variables. Afterwards no secret is in any log, in what the web UI shows of the jobs, or in errors.
 */
class SecurityIT {
    private static final long MIN = 60_000;

    @RegisterExtension
    static final RealStack STACK = RealStack.secured();

    @TempDir
    Path dir;

    private static StackSecurity security() {
        return STACK.config().security();
    }

    /** The sec-* words topics of the secured stack (its client properties files included). */
    private static JobArgs jobArgs() {
        return STACK.jobArgs("sec").noWeather();
    }

    @Test
    void jobAndCliRunAgainstSecuredServersAndNoSecretShowsInLogsTheWebUiOrErrors() throws Exception {
        Connections c = STACK.connections();
        STACK.createTopics("sec", 2);
        long t0 = (System.currentTimeMillis() / MIN - 30) * MIN;
        TextGenerator.Spec spec = new TextGenerator.Spec(2000, 300, 3, 8, 1.0, t0, Duration.ofMinutes(5), 0, Duration.ZERO,
                0, Duration.ZERO, 5);
        Produce.quietly(c.kafka(), "sec-words").generate(spec);
        TreeMap<Long, Long> closed = new TreeMap<>(TextGenerator.wordsPerWindow(spec, MIN));
        closed.pollLastEntry();

        // live, through flink run: Cassandra's user, TLS and truststore from a file, its password from the environment
        Path cassandraFile = Files.writeString(dir.resolve("cassandra.properties"), String.join("\n",
                "username=" + security().cassandraUser(), "ssl=true",
                "ssl.truststore.location=" + security().truststore(),
                "ssl.truststore.password=" + security().truststorePassword(), ""));
        Map<String, String> env = Map.of("KAPPA_CASSANDRA_PASSWORD", security().cassandraPassword());
        String submitted = FlinkCli.run(STACK.config(), STACK.flinkRun(true, jobArgs().keyspace("sec_live")
                .cassandraPropertiesFile(cassandraFile).checkpointInterval(Duration.ofSeconds(2))), 180, env);
        assertThat(submitted).contains("Job has been submitted with JobID");
        Deadline.await("the live job's closed windows in the secured Cassandra", Duration.ofMinutes(2),
                () -> WordCounts.totals(rows(c, "sec_live")).equals(closed));

        // replay, through the REST calls of the web UI's "Submit New Job": everything from the two files
        Replay.Outcome replay = Replay.run(STACK.runner(), STACK.jobJar(), jobArgs().mode(JobOptions.Mode.replay)
                .keyspace("sec_replay").cassandraPropertiesFile(security().cassandraClientFile()), 2, null);
        assertThat(replay.state()).isEqualTo("FINISHED");
        assertThat(WordCounts.totals(rows(c, "sec_replay"))).isEqualTo(TextGenerator.wordsPerWindow(spec, MIN));
        assertThat(STACK.awaitRecords("sec-words", spec.lines())).hasSize((int) spec.lines());

        // configuration errors name the problem, never the secret
        String wrong = "wrong-" + security().cassandraPassword();
        assertThat(failureOf(Map.of("KAPPA_CASSANDRA_PASSWORD", wrong), "--mode", "replay", "--keyspace", "sec_x",
                "--cassandra-properties-file", cassandraFile.toString()))
                .startsWith("kappa-job: Cassandra at 127.0.0.1:" + STACK.cassandraPort() + " refused the credentials")
                .doesNotContain(wrong);
        String wrongJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"kappa\" "
                + "password=\"" + wrong + "\";";
        assertThat(failureOf(Map.of("KAPPA_KAFKA_SASL_JAAS_CONFIG", wrongJaas), "--mode", "replay"))
                .startsWith("kappa-job: Kafka at " + STACK.bootstrapServers() + " refused the login")
                .doesNotContain(wrong);
        // a secret among the job's arguments is refused by bin/flink before Flink's client can log it
        String onTheCommandLine = "not-a-secret-" + Long.toHexString(System.nanoTime());
        assertThatThrownBy(() -> FlinkCli.run(STACK.config(), STACK.flinkRun(false, jobArgs(), "--mode", "replay",
                "--kafka-property", "sasl.jaas.config=" + onTheCommandLine), 120, Map.of()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("--kafka-property sasl.jaas.config is a secret")
                .hasMessageContaining("KAPPA_KAFKA_SASL_JAAS_CONFIG").hasMessageNotContaining(onTheCommandLine);
        assertThatThrownBy(() -> WordCounts.totals(rows(withoutCassandraPassword(c), "sec_live")))
                .hasMessageContaining("refused the credentials");

        List<String> secrets = new ArrayList<>(security().clientSecrets());
        secrets.add(wrong);
        secrets.add(onTheCommandLine);
        // the logs of the JobManager, the TaskManager, the flink client and the servers
        List<String> scanned = new ArrayList<>();
        try (Stream<Path> logs = Files.walk(STACK.config().logs())) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                secrets.forEach(s -> assertThat(text).as("a secret in " + log).doesNotContain(s));
                if (!text.isEmpty()) {
                    scanned.add(log.getFileName().toString());
                }
            }
        }
        assertThat(scanned).contains("flink-jobmanager.log", "flink-taskmanager.log", "flink-client.log", "kafka.log",
                "cassandra.log");
        // what the web UI shows of each job: its configuration, plan, exceptions, and the cluster's configuration
        FlinkRest rest = STACK.runner().rest();
        List<String> pages = new ArrayList<>(List.of("/jobmanager/config", "/jobs/overview", "/jars"));
        for (FlinkRest.Job job : rest.jobs()) {
            pages.addAll(List.of("/jobs/" + job.id(), "/jobs/" + job.id() + "/config", "/jobs/" + job.id() + "/plan",
                    "/jobs/" + job.id() + "/exceptions", "/jobs/" + job.id() + "/checkpoints/config"));
        }
        assertThat(rest.jobs()).hasSizeGreaterThanOrEqualTo(2);
        for (String page : pages) {
            String body = get(page);
            assertThat(body).as(page).isNotBlank();
            secrets.forEach(s -> assertThat(body).as("a secret in the web UI's " + page).doesNotContain(s));
        }
        assertThat(get("/jobs/" + replay.jobId() + "/config")).contains(JobNames.of(JobOptions.Mode.replay, "sec_replay"));
        rest.jobs().stream().filter(j -> j.state().equals("RUNNING")).forEach(j -> rest.cancel(j.id()));
    }

    private static Connections withoutCassandraPassword(Connections c) throws Exception {
        Connections w = new Connections();
        w.cassandraPort = c.cassandraPort;
        w.environment = Map.of("KAPPA_CASSANDRA_USERNAME", security().cassandraUser(), "KAPPA_CASSANDRA_PASSWORD",
                "not-it", "KAPPA_CASSANDRA_SSL", "true",
                "KAPPA_CASSANDRA_SSL_TRUSTSTORE_LOCATION", security().truststore().toString(),
                "KAPPA_CASSANDRA_SSL_TRUSTSTORE_PASSWORD", security().truststorePassword());
        return w;
    }

    private static Map<String, Long> rows(Connections c, String keyspace) {
        try (WordCounts counts = new WordCounts(c.cassandra(keyspace, 1))) {
            return counts.all();
        }
    }

    /** What flink run prints for a configuration error: exit status 2 and one line. */
    private static String failureOf(Map<String, String> env, String... jobArgs) {
        try {
            FlinkCli.run(STACK.config(), STACK.flinkRun(false, jobArgs(), jobArgs), 120, env);
        } catch (StackException e) {
            assertThat(e.getMessage()).contains("failed (exit 2)").doesNotContain("\tat ");
            return e.getMessage().substring(e.getMessage().indexOf('\n') + 1).trim();
        }
        throw new AssertionError("the job was submitted despite " + String.join(" ", jobArgs));
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(STACK.config().flinkRestUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }
}
