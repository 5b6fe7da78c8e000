package io.kappa.e2e.differential;

import io.kappa.oracle.Expected;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a run wrote against what the model says it must: per table, the rows missing, extra or different; per side
 * topic, the records missing or extra (as sets by source position, docs/semantics.md rule 3), and any repeat that is
 * not identical to its first copy. Empty when the run is right.
 */
public final class Differences {
    private final List<String> lines = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    /** The keys of the rows and side records that differ (WordKey, ObservationKey, WindowKey, city id, position). */
    private final Set<Object> keys = new LinkedHashSet<>();

    private Differences() {}

    public static Differences between(Expected expected, Observed observed) {
        Differences d = new Differences();
        d.table("word_counts_by_window", expected.wordCounts(), observed.wordCounts());
        d.table("weather_observations_by_city", expected.observations(), observed.observations());
        d.table("weather_latest_by_city", expected.latestRows(), observed.latest());
        d.table("weather_windows_by_city", expected.weatherWindows(), observed.weatherWindows());
        d.sideTopic("late words", expected.lateWords(), observed.ruleTwoLateWords(),
                w -> w.topic() + ":" + w.partition() + ":" + w.offset() + " " + w.word());
        d.table("late words of the timing rule (total per window and word)", expected.closedWords(),
                observed.closedWords());
        for (io.kappa.oracle.LateWord w : observed.closedLateWords()) {
            if (w.topic() != null || w.partition() != -1 || w.offset() != -1 || !w.word().equals(w.kafkaKey())
                    || w.count() < 1) {
                d.add("late words of the timing rule", "not as the contract writes them (topic null, partition and "
                        + "offset -1, keyed by the word): " + w);
                d.keys.add(new io.kappa.oracle.WordKey(w.windowStart(), w.word()));
            }
        }
        d.sideTopic("dead letters", expected.deadLetters(), observed.deadLetterRecords(),
                l -> l.topic() + ":" + l.partition() + ":" + l.offset());
        d.sideTopic("late weather", expected.lateWeather(), observed.lateWeatherRecords(),
                r -> r.topic() + ":" + r.partition() + ":" + r.offset());
        return d;
    }

    private <K, V> void table(String name, Map<K, V> expected, Map<K, V> observed) {
        for (Map.Entry<K, V> e : expected.entrySet()) {
            V o = observed.get(e.getKey());
            if (o == null) {
                add(name, "missing " + e.getValue());
                keys.add(e.getKey());
            } else if (!o.equals(e.getValue())) {
                add(name, "different " + e.getKey() + ": expected " + e.getValue() + " but found " + o);
                keys.add(e.getKey());
            }
        }
        for (Map.Entry<K, V> o : observed.entrySet()) {
            if (!expected.containsKey(o.getKey())) {
                add(name, "extra " + o.getValue());
                keys.add(o.getKey());
            }
        }
    }

    private <T> void sideTopic(String name, Set<T> expected, List<T> records, Function<T, String> identity) {
        Map<String, T> firsts = new LinkedHashMap<>();
        for (T r : records) {
            T first = firsts.putIfAbsent(identity.apply(r), r);
            if (first != null && !first.equals(r)) {
                add(name, "a repeat differs from its first copy: " + first + " then " + r);
                keys.add(position(identity.apply(r)));
            }
        }
        Set<T> observed = new LinkedHashSet<>(firsts.values());
        for (T e : expected) {
            if (!observed.contains(e)) {
                T same = firsts.get(identity.apply(e));
                add(name, same == null ? "missing " + e : "different: expected " + e + " but found " + same);
                keys.add(position(identity.apply(e)));
            }
        }
        for (T o : observed) {
            if (!expected.contains(o) && expected.stream().noneMatch(e -> identity.apply(e).equals(identity.apply(o)))) {
                add(name, "extra " + o);
                keys.add(position(identity.apply(o)));
            }
        }
    }

    private void add(String where, String what) {
        counts.merge(where, 1, Integer::sum);
        if (counts.get(where) <= 10) {
            lines.add(where + ": " + what);
        }
    }

    /** A source position, {@code topic:partition:offset}, from a side record's identity. */
    public record Position(String topic, int partition, long offset) {}

    private static Position position(String identity) {
        String[] p = identity.split(" ", 2)[0].split(":");
        return new Position(p[0], Integer.parseInt(p[1]), Long.parseLong(p[2]));
    }

    /** The keys of what differs: WordKey, ObservationKey, WindowKey, a city id (latest), or a {@link Position}. */
    public Set<Object> keys() {
        return keys;
    }

    public boolean none() {
        return counts.isEmpty();
    }

    /** Differences per table or topic. */
    public Map<String, Integer> counts() {
        return counts;
    }

    @Override
    public String toString() {
        if (none()) {
            return "no differences";
        }
        StringBuilder s = new StringBuilder("differences " + counts + ":\n");
        lines.forEach(l -> s.append("  ").append(l).append('\n'));
        return s.toString();
    }
}
