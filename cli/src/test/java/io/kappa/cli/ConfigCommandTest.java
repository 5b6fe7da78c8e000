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
}
