package io.kappa.client.cassandra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The comparison of two output versions' rows (as {@link WordCounts#all}): equal, only in one, different. */
public record Diff(int equal, List<String> onlyLeft, List<String> onlyRight, List<String> different) {

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

    public boolean identical() {
        return onlyLeft.isEmpty() && onlyRight.isEmpty() && different.isEmpty();
    }

    /** The counts, then up to five examples of each difference: the lines {@code bin/kappa diff} prints. */
    public List<String> report(String leftName, String rightName) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("  rows equal: %,d   only in %s: %,d   only in %s: %,d   different: %,d", equal, leftName,
                onlyLeft.size(), rightName, onlyRight.size(), different.size()));
        examples("only in " + leftName, onlyLeft, lines);
        examples("only in " + rightName, onlyRight, lines);
        examples("different", different, lines);
        return lines;
    }

    private static void examples(String what, List<String> rows, List<String> lines) {
        if (!rows.isEmpty()) {
            lines.add("  " + what + ", e.g.:");
            rows.stream().limit(5).forEach(r -> lines.add("    " + r));
        }
    }
}
