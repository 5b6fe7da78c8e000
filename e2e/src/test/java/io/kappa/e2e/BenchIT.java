package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.cli.KappaCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bin/kappa bench} end to end on a small dataset: every run happens, prints its line of the table, and
 * counts every word. (Its speed is what it reports, not what this test checks.)
 */
class BenchIT {
    @RegisterExtension
    static final RealStack STACK = RealStack.shared();

    @Test
    void everyRunCountsEveryWordAndPrintsItsLine() {
        StringWriter captured = new StringWriter();
        int exit = KappaCli.commandLine().setOut(new PrintWriter(captured, true)).execute("bench", "--lines", "30000",
                "--vocabulary", "2000", "--weather-rounds", "5", "--live-rate", "400", "--live-seconds", "35",
                "--bootstrap-servers", STACK.bootstrapServers(), "--cassandra-port", Integer.toString(STACK.cassandraPort()),
                "--flink-url", STACK.config().flinkRestUrl(), "--jar", STACK.jobJar().toString());
        String out = captured.toString();
        System.out.println(out);
        assertThat(exit).as("exit status").isZero();
        List<String> rows = out.lines().filter(l -> l.startsWith("| (")).toList();
        assertThat(rows).hasSize(8);
        assertThat(rows).allSatisfy(r -> assertThat(r).contains("| all ").doesNotContain("WRONG"));
        assertThat(String.join("\n", rows)).contains("(a) plain KafkaConsumer", "(a') one thread",
                "(b) replay → discard, streaming", "(b) replay → discard, batch", "(c) replay → Cassandra, streaming",
                "(c) replay → Cassandra, batch", "(d) weather replay → Cassandra", "(e) live at 400 lines/s")
                .containsPattern("latency beyond window end over [0-9,]+ rows of [1-9]\\d* windows: p50 [0-9,]+ ms");
        assertThat(out).contains("producing the words dataset: 30,000 lines");
    }
}
