package io.kappa.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kappa.job.JobOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** One configuration: the command line, then KAPPA_<OPTION>, then the file (--config, KAPPA_CONFIG, ./kappa.properties). */
class SettingsTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theCommandLineThenTheEnvironmentThenTheFileThenTheDefault() throws Exception {
        Path config = file("kappa.properties", "bootstrap-servers=from-file:9092\ncassandra-hosts=db-from-file\n"
                + "window=5m\nkafka.security.protocol=SASL_SSL\nkafka.sasl.jaas.config=jaas-from-file\n"
                + "cassandra.username=kappa\n");
        Map<String, String> env = Map.of("KAPPA_CASSANDRA_HOSTS", "db-from-env", "KAPPA_CASSANDRA_PASSWORD", "pw");
        JobOptions o = JobOptions.parse(env, "--config", config.toString(), "--window", "2m", "--keyspace", "k");
        assertThat(o.window).as("the command line").hasMinutes(2);
        assertThat(o.cassandraHosts).as("the environment").isEqualTo("db-from-env");
        assertThat(o.bootstrapServers).as("the file").isEqualTo("from-file:9092");
        assertThat(o.allowedLateness).as("the default").hasMinutes(1);
        assertThat(o.kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "jaas-from-file");
        assertThat(o.cassandra().toString()).doesNotContain("pw");
        assertThat(o.cassandra().clientProperties()).containsEntry("username", "kappa").containsEntry("password", "pw")
                .as("an option's variable is not a client property").doesNotContainKey("hosts");
    }

    @Test
    void theFileIsFoundByOptionThenVariableThenWorkingDirectory() throws Exception {
        Path a = file("a.properties", "");
        Path b = file("b.properties", "");
        assertThat(Settings.of(List.of("--config", a.toString()), Map.of("KAPPA_CONFIG", b.toString()), dir).file())
                .isEqualTo(a);
        assertThat(Settings.of(List.of("--config=" + a), Map.of(), dir).file()).isEqualTo(a);
        assertThat(Settings.of(List.of(), Map.of("KAPPA_CONFIG", b.toString()), dir).file()).isEqualTo(b);
        assertThat(Settings.of(List.of(), Map.of(), dir).file()).as("no kappa.properties here").isNull();
        Path local = file(Settings.DEFAULT_FILE, "");
        assertThat(Settings.of(List.of(), Map.of(), dir).file()).isEqualTo(local);
        assertThat(Settings.of(List.of("--", "--config", a.toString()), Map.of(), dir).file())
                .as("not after --: those are another program's arguments").isEqualTo(local);
        assertThatThrownBy(() -> Settings.of(List.of("--config", dir.resolve("nope").toString()), Map.of(), dir))
                .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("--config ")
                .hasMessageContaining("cannot be read");
    }

    @Test
    void everyKafkaAndCassandraOptionIsKeptApartFromTheClientPropertiesVariables() {
        Set<String> options = new TreeSet<>();
        for (CommandLine.Model.OptionSpec o : new CommandLine(new JobOptions()).getCommandSpec().options()) {
            String name = o.longestName();
            if (name.startsWith("--kafka-") || name.startsWith("--cassandra-")) {
                options.add(Settings.envName(name));
            }
        }
        assertThat(ConnectionProperties.OPTION_ENV_NAMES).containsAll(options);
    }
}
