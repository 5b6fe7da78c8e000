package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.cli.KappaCli;
import io.kappa.client.kafka.Produce;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.kafka.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bin/kappa bench} end to end on a small dataset, in two rounds: every run happens, prints its line of the
 * table with its multiple, and counts every word; a reused dataset is checked by its fingerprint. (Its speed is what
 * it reports, not what this test checks.)
 */
class BenchIT {
    @RegisterExtension
    static final RealStack STACK = RealStack.shared();

    /** What a run of the bench printed, on stdout and stderr, and its exit status. */
    private record Ran(int exit, String out, String err) {}

    private static Ran bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("bench", "--bootstrap-servers", STACK.bootstrapServers(),
                "--cassandra-port", Integer.toString(STACK.cassandraPort()), "--flink-url", STACK.config().flinkRestUrl(),
                "--jar", STACK.jobJar().toString()));
        all.addAll(List.of(args));
        int exit = KappaCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        System.out.println(out);
        System.out.println(err);
        return new Ran(exit, out.toString(), err.toString());
    }

    @Test
    void everyRunCountsEveryWordAndPrintsItsLineWithItsMultiple() {
        Ran ran = bench("--lines", "30000", "--vocabulary", "2000", "--weather-rounds", "5", "--rounds", "2",
                "--sink-grid-seconds", "8", "--live-rate", "400", "--live-seconds", "25");
        assertThat(ran.exit()).as("exit status").isZero();
        List<String> rows = ran.out().lines().filter(l -> l.startsWith("| (")).toList();
        assertThat(rows).hasSize(9);
        assertThat(rows).allSatisfy(r -> assertThat(r).contains("| all ").doesNotContain("WRONG"));
        assertThat(String.join("\n", rows)).contains("(a) plain KafkaConsumer", "(a') one thread",
                "(s) the rows straight into Cassandra", "(b) replay → discard, streaming", "(b) replay → discard, batch",
                "(c) replay → Cassandra, streaming", "(c) replay → Cassandra, batch", "(d) weather replay → Cassandra",
                "(e) live at 400 lines/s")
                .containsPattern("latency beyond window end over [0-9,]+ rows of [1-9]\\d* windows: p50 [0-9,]+ ms")
                .contains("target: p99 ≤ 2,000 ms", "; p99 over 2 rounds: ");
        // median, range, CPU-seconds (blank: this test's stack is not the machine's local stack), records/s, words/s
        String multiple = "\\| +[0-9.]+–[0-9.]+ \\|[^|]*\\|[^|]+\\|[^|]+\\| [0-9]+\\.[0-9]{2}× ";
        assertThat(rows).filteredOn(r -> r.startsWith("| (a') ") || r.startsWith("| (s) ") || r.startsWith("| (c) "))
                .hasSize(4).allSatisfy(r -> assertThat(r).containsPattern(multiple + "limit"));
        assertThat(rows).filteredOn(r -> r.startsWith("| (a) ") || r.startsWith("| (b) "))
                .hasSize(3).allSatisfy(r -> assertThat(r).containsPattern(multiple + "\\(a'\\)"));
        assertThat(rows).filteredOn(r -> r.startsWith("| (s) ")).singleElement().asString()
                .containsPattern("records: \\(window, word\\) rows; [0-9,]+ batches: batches of [0-9,]+ rows, "
                        + "[0-9]+ in flight \\(the fastest of (all 16 settings|[0-9]+ of the 16 settings, in its time box "
                        + "of 8 s,) on [0-9,]+ rows: [0-9,]+ rows/s\\)");
        assertThat(ran.out()).contains("producing the words dataset: 30,000 lines",
                "bench: the stack is not this machine's local stack: CPU-seconds and the CPU floor are not measured",
                "round 1 of 2: (a), (a'), (s), ",
                "round 2 of 2: (a'), (s), ", "\n2 rounds, the order rotated from round to round")
                .containsPattern("\nthe limit: [0-9.]+ s, the larger of \\(a'\\) [0-9.]+ s and \\(s\\) [0-9.]+ s; the CPU floor was not "
                        + "measured \\(a stack that is not this machine's\\)\\. Targets: ");

        Ran again = bench("--lines", "30000", "--vocabulary", "2000", "--weather-rounds", "5", "--rounds", "1",
                "--runs", "raw");
        assertThat(again.exit()).as("exit status with the dataset reused").isZero();
        assertThat(again.out()).contains("words dataset: 30,000 lines in bench-words-30000-2000-p2 (reused, fingerprint "
                + "checked)", "weather dataset: 2,000 readings in bench-weather-f400-5-p2 (reused, fingerprint checked)");
    }

    @Test
    void aDatasetTopicThatHoldsOtherRecordsStopsTheBenchUntilItIsProducedAfresh() {
        String topic = "bench-words-300-50-p2";
        Topics.create(STACK.connections().kafka(), List.of(topic), 2, (short) 1);
        Produce.quietly(STACK.connections().kafka(), topic).generate(new TextGenerator.Spec(300, 50, 5, 10, 1.0, 0,
                Duration.ofMinutes(10), 0, Duration.ZERO, 0, Duration.ZERO, 7));
        String[] args = {"--lines", "300", "--vocabulary", "50", "--weather-rounds", "2", "--rounds", "1", "--runs", "raw"};
        Ran refused = bench(args);
        assertThat(refused.exit()).isOne();
        assertThat(refused.err().strip()).startsWith("kappa: topic " + topic + " does not hold the words dataset the "
                + "bench generates (fingerprint 300 records, ").endsWith(": delete it (run again with --fresh-dataset)")
                .doesNotContain("\n");

        List<String> fresh = new ArrayList<>(List.of(args));
        fresh.add("--fresh-dataset");
        Ran again = bench(fresh.toArray(String[]::new));
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("producing the words dataset: 300 lines", "| (a) plain KafkaConsumer");
    }
}
