package io.kappa.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare the word counts of two output versions (keyspaces): rows equal, only in one, different.")
public class DiffCommand implements Callable<Integer> {
    @Mixin
    Connections connections = new Connections();

    @Parameters(index = "0", paramLabel = "LEFT", description = "keyspace, e.g. kappa")
    String left;

    @Parameters(index = "1", paramLabel = "RIGHT", description = "keyspace, e.g. kappa_replay")
    String right;

    /** The comparison of two sets of rows keyed by (window, word). */
    public record Diff(int equal, List<String> onlyLeft, List<String> onlyRight, List<String> different) {
        public boolean identical() {
            return onlyLeft.isEmpty() && onlyRight.isEmpty() && different.isEmpty();
        }

        public void print(String leftName, String rightName, java.io.PrintStream out) {
            out.printf("  rows equal: %,d   only in %s: %,d   only in %s: %,d   different: %,d%n", equal, leftName,
                    onlyLeft.size(), rightName, onlyRight.size(), different.size());
            examples("only in " + leftName, onlyLeft, out);
            examples("only in " + rightName, onlyRight, out);
            examples("different", different, out);
        }

        private static void examples(String what, List<String> rows, java.io.PrintStream out) {
            if (!rows.isEmpty()) {
                out.println("  " + what + ", e.g.:");
                rows.stream().limit(5).forEach(r -> out.println("    " + r));
            }
        }
    }

    public static Diff compare(Map<String, Long> left, Map<String, Long> right) {
        int equal = 0;
        List<String> onlyLeft = new ArrayList<>();
        List<String> onlyRight = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (Map.Entry<String, Long> e : left.entrySet()) {
            Long other = right.get(e.getKey());
            if (other == null) {
                onlyLeft.add(e.getKey() + " = " + e.getValue());
            } else if (other.equals(e.getValue())) {
                equal++;
            } else {
                different.add(e.getKey() + ": " + e.getValue() + " vs " + other);
            }
        }
        for (Map.Entry<String, Long> e : right.entrySet()) {
            if (!left.containsKey(e.getKey())) {
                onlyRight.add(e.getKey() + " = " + e.getValue());
            }
        }
        return new Diff(equal, onlyLeft, onlyRight, different);
    }

    @Override
    public Integer call() {
        Map<String, Long> l;
        Map<String, Long> r;
        try (Results a = new Results(connections.cassandra(left, 1))) {
            l = a.all();
        }
        try (Results b = new Results(connections.cassandra(right, 1))) {
            r = b.all();
        }
        Diff diff = compare(l, r);
        diff.print(left, right, System.out);
        return diff.identical() ? 0 : 4;
    }
}
