package io.kappa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.core.ConnectionProperties;
import io.kappa.core.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** bin/kappa config: what every command would run with, where each value comes from, secrets masked. */
class ConfigCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsEachSettingWithItsSourceAndMasksSecrets() throws Exception {
        Path file = Files.writeString(dir.resolve("kappa.properties"), "bootstrap-servers=kafka.example:9093\n"
                + "flink-url=http://flink.example:8081\nkafka.security.protocol=SASL_SSL\n"
                + "kafka.sasl.jaas.config=the-jaas-secret\ncassandra.username=kappa\ncassandra.password=the-password\n");
        List<String> args = List.of("config", "--config", file.toString(), "--cassandra-port", "9142");
        Settings settings = Settings.of(args, Map.of("KAPPA_CASSANDRA_HOSTS", "db1,db2"), dir);
        StringWriter out = new StringWriter();
        int exit = KappaCli.commandLine(settings).setOut(new PrintWriter(out, true)).execute(args.toArray(String[]::new));
        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("configuration file: " + file.toAbsolutePath())
                .containsPattern("--bootstrap-servers +kafka.example:9093 +\\(" + file.toString().replace(".", "\\.") + "\\)")
                .containsPattern("--flink-url +http://flink.example:8081 ")
                .containsPattern("--cassandra-hosts +db1,db2 +\\(KAPPA_CASSANDRA_HOSTS\\)")
                .containsPattern("--cassandra-port +9142 +\\(command line\\)")
                .containsPattern("--cassandra-consistency +- +\\(default\\)")
                .contains("security.protocol=SASL_SSL", "sasl.jaas.config=******", "password=******")
                .doesNotContain("the-jaas-secret", "the-password");
    }

    @Test
    void everyKafkaAndCassandraOptionOfTheCliIsKeptApartFromTheClientPropertiesVariables() {
        for (CommandLine command : CliErrorsTest.commands(KappaCli.commandLine())) {
            for (CommandLine.Model.OptionSpec o : command.getCommandSpec().options()) {
                String name = o.longestName();
                if (name.startsWith("--kafka-") || name.startsWith("--cassandra-")) {
                    assertThat(ConnectionProperties.OPTION_ENV_NAMES).as(name).contains(Settings.envName(name));
                }
            }
        }
    }

    @Test
    void commandsTakeOnlyTheConnectionSettingsFromTheFileAndTheEnvironment() throws Exception {
        // the job's options in the file are the job's: query top --window is an instant, produce weather --cities a
        // number, --keyspace of a query the served version
        Path file = Files.writeString(dir.resolve("kappa.properties"), "bootstrap-servers=kafka.example:9093\n"
                + "window=5m\nkeyspace=kappa_v2\ncities=/etc/kappa/cities.csv\nreplication-factor=3\nbootstrap.servers=typo\n");
        List<String> args = List.of("query", "top", "--config", file.toString());
        Settings settings = Settings.of(args, Map.of("KAPPA_CITIES", "/etc/kappa/cities.csv", "KAPPA_KEYSPACE", "x"), dir);
        CommandLine cli = KappaCli.commandLine(settings);
        CommandLine.ParseResult top = cli.parseArgs(args.toArray(String[]::new)).subcommand().subcommand();
        assertThat(top.hasMatchedOption("--window")).isFalse();
        assertThat((Object) top.commandSpec().findOption("--window").getValue()).isEqualTo("latest");
        assertThat((Object) top.commandSpec().findOption("--keyspace").getValue()).isNull();
        assertThat((Object) top.commandSpec().findOption("--bootstrap-servers").getValue()).isEqualTo("kafka.example:9093");

        List<String> weather = List.of("produce", "weather", "--help");
        assertThat(KappaCli.commandLine(Settings.of(weather, Map.of("KAPPA_CITIES", "/etc/kappa/cities.csv"), dir))
                .setOut(new PrintWriter(new StringWriter())).execute(weather.toArray(String[]::new))).isZero();

        StringWriter out = new StringWriter();
        List<String> config = List.of("config", "--config", file.toString());
        KappaCli.commandLine(Settings.of(config, Map.of(), dir)).setOut(new PrintWriter(out, true))
                .execute(config.toArray(String[]::new));
        assertThat(out.toString()).contains("unknown keys in " + file + ": bootstrap.servers");
    }
}
