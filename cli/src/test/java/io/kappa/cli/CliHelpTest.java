package io.kappa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliHelpTest {

    @Test
    void everyCommandHasHelp() {
        CommandLine cli = new CommandLine(new KappaCli());
        for (var sub : cli.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            String usage = sub.getValue().getUsageMessage();
            assertThat(usage).as(sub.getKey()).contains("Usage: kappa " + sub.getKey());
            for (var nested : sub.getValue().getSubcommands().values()) {
                assertThat(nested.getUsageMessage()).contains("-h, --help");
            }
        }
    }

    @Test
    void anUnreachableKafkaGivesOneLineThatSaysWhatToDo() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit = KappaCli.commandLine().setErr(new java.io.PrintWriter(captured, true))
                .execute("topics", "create", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(exit).isEqualTo(1);
        assertThat(captured.toString()).startsWith("kappa: cannot reach Kafka at 127.0.0.1:1 (--bootstrap-servers)")
                .doesNotContain("\tat ");
    }
}
