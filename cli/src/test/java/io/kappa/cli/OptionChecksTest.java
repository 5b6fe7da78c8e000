package io.kappa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every number and duration option of every command has its range in OptionChecks, and its default is inside it. */
class OptionChecksTest {

    @Test
    void everyNumberAndDurationOptionHasARangeThatHoldsItsDefault() {
        int checked = 0;
        for (CommandLine command : CliErrorsTest.commands(KappaCli.commandLine())) {
            String name = command.getCommandSpec().qualifiedName(" ").replaceFirst("^kappa ?", "");
            for (OptionSpec o : command.getCommandSpec().options()) {
                Class<?> type = o.type();
                String what = name + " " + o.longestName();
                if (type == int.class || type == long.class || type == short.class || type == double.class
                        || Number.class.isAssignableFrom(type)) {
                    OptionChecks.Range range = OptionChecks.numberRange(name, o.longestName());
                    assertThat(range).as(what + ": add it to OptionChecks.NUMBERS").isNotNull();
                    if (o.defaultValue() != null) {
                        double d = Double.parseDouble(o.defaultValue());
                        assertThat(d).as(what + "'s default").isBetween(range.min(), range.max());
                    }
                    checked++;
                } else if (type == Duration.class) {
                    Duration shortest = OptionChecks.shortest(name, o.longestName());
                    assertThat(shortest).as(what + ": add it to OptionChecks.DURATIONS").isNotNull();
                    if (o.defaultValue() != null) {
                        assertThat((Duration) new io.kappa.job.JobOptions.DurationConverter().convert(o.defaultValue()))
                                .as(what + "'s default").isGreaterThanOrEqualTo(shortest);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void hostsMustResolveAndPortsBePorts() {
        OptionChecks.hostsAndPorts("--bootstrap-servers", "127.0.0.1:9092,localhost:9093", true);
        OptionChecks.hostsAndPorts("--bootstrap-servers", "nohost.invalid:9092,127.0.0.1:9092", true); // one resolves
        OptionChecks.hostsAndPorts("--cassandra-hosts", "127.0.0.1,127.0.0.2", false);
        for (String bad : List.of("nohost.invalid:9092", "127.0.0.1", "127.0.0.1:", ":9092", "127.0.0.1:0")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> OptionChecks.hostsAndPorts("--bootstrap-servers", bad, true))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--bootstrap-servers " + bad);
        }
    }
}
