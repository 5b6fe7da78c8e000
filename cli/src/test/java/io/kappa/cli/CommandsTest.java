package io.kappa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands as shells: what they hand the client, and that they write through picocli's streams. */
class CommandsTest {

    @Test
    void commandsPrintThroughPicocliSoTheirOutputCanBeCaptured() {
        StringWriter out = new StringWriter();
        int exit = KappaCli.commandLine().setOut(new PrintWriter(out, true)).execute("schema", "show", "--keyspace", "k2");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("CREATE KEYSPACE IF NOT EXISTS k2").contains("CREATE TABLE IF NOT EXISTS "
                + "k2.word_counts_by_window").endsWith(";" + System.lineSeparator());
    }

    @Test
    void theQueryCommandsPrintThroughTheirOwnCommandLine() {
        StringWriter out = new StringWriter();
        CommandLine top = KappaCli.commandLine().setOut(new PrintWriter(out, true))
                .getSubcommands().get("query").getSubcommands().get("top");
        QueryCommand.Top command = top.getCommand();
        command.common.out().print("captured");
        command.common.out().flush();
        assertThat(out).hasToString("captured");
    }

    @Test
    void replayStartsTheUsersJobOptionsInReplayModeIntoItsKeyspace() {
        ReplayCommand replay = new ReplayCommand();
        new CommandLine(replay).parseArgs("--keyspace", "kappa_v2", "--replay-runtime", "BATCH",
                "--from", "1767225600000", "--", "--window", "5m", "--mode", "live", "--keyspace", "other");
        JobOptions o = replay.jobArgs().parse();
        assertThat(o.mode).isEqualTo(JobOptions.Mode.replay);
        assertThat(o.keyspace).isEqualTo("kappa_v2");
        assertThat(o.replayRuntime).isEqualTo(JobOptions.ReplayRuntime.batch);
        assertThat(o.fromMillis()).isEqualTo(1767225600000L);
        assertThat(o.window).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.jobName()).isEqualTo("kappa-replay-kappa_v2");

        ReplayCommand sideways = new ReplayCommand();
        new CommandLine(sideways).parseArgs("--keyspace", "k", "--replay-runtime", "sideways");
        assertThatThrownBy(sideways::jobArgs).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--replay-runtime must be streaming or batch, was 'sideways'");
    }

    @Test
    void theJobIsPointedAtTheServersTheCommandWasGiven(@TempDir Path dir) throws Exception {
        Connections c = new Connections();
        c.bootstrapServers = "kafka-1:9092";
        c.cassandraHosts = "cassandra-1";
        c.cassandraPort = 9142;
        c.kafkaPropertiesFile = Files.writeString(dir.resolve("kafka.properties"), "security.protocol=PLAINTEXT\n");
        JobOptions o = JobOptions.parse(Map.of(), c.pointJobAt(JobArgs.replay()).toList().toArray(String[]::new));
        assertThat(o.bootstrapServers).isEqualTo("kafka-1:9092");
        assertThat(o.cassandraHosts).isEqualTo("cassandra-1");
        assertThat(o.cassandraPort).isEqualTo(9142);
        assertThat(o.kafkaPropertiesFile).isEqualTo(c.kafkaPropertiesFile.toAbsolutePath());
        assertThat(o.cassandraPropertiesFile).isNull();
    }
}
