package io.kappa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

    @Test
    void eachRoundRotatesTheOrderByOne() {
        List<String> runs = List.of("a", "b", "c");
        assertThat(Rounds.order(runs, 0)).containsExactly("a", "b", "c");
        assertThat(Rounds.order(runs, 1)).containsExactly("b", "c", "a");
        assertThat(Rounds.order(runs, 2)).containsExactly("c", "a", "b");
        assertThat(Rounds.order(runs, 3)).containsExactly("a", "b", "c");
        assertThat(Rounds.order(List.of(), 2)).isEmpty();
    }

    @Test
    void everyRunIsMeasuredOncePerRoundInTheRotatedOrderAndSummarisedInTheFirstOrder() {
        List<String> calls = new ArrayList<>();
        List<Rounds.Run> runs = new ArrayList<>();
        for (String name : List.of("x", "y", "z")) {
            int[] round = {0};
            runs.add(new Rounds.Run(name, () -> {
                calls.add(name);
                round[0]++;
                return new RunResult(RunResult.Kind.RAW, name, 10, round[0], 0, null, 0, "CLI heap", "");
            }));
        }
        StringWriter out = new StringWriter();
        List<RunSummary> summaries = Rounds.measure(runs, 3, new PrintWriter(out, true));
        assertThat(calls).containsExactly("x", "y", "z", "y", "z", "x", "z", "x", "y");
        assertThat(summaries).extracting(RunSummary::run).containsExactly("x", "y", "z");
        assertThat(summaries).allSatisfy(s -> {
            assertThat(s.rounds()).isEqualTo(3);
            assertThat(s.seconds()).isEqualTo(2);
            assertThat(s.minSeconds()).isEqualTo(1);
            assertThat(s.maxSeconds()).isEqualTo(3);
        });
        assertThat(out.toString()).contains("round 1 of 3: x, y, z", "round 2 of 3: y, z, x", "round 3 of 3: z, x, y");
    }
}
