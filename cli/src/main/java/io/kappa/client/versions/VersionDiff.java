package io.kappa.client.versions;

import io.kappa.client.cassandra.WordCounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two output versions compared the Kappa way: only the windows both have closed (their live job's event time has
 * passed the window's end by its allowed lateness; every window of a version without a running job), optionally
 * within a time range; and each difference sorted into why:
 * <ul>
 *   <li><b>too late on one side</b>: the counts differ by exactly the words one side's late topic holds for that
 *       window and word (one version took as too late what the other counted: another allowed lateness, say);</li>
 *   <li><b>logic</b>: anything else — the versions compute differently.</li>
 * </ul>
 * Windows one side has not closed are left out and counted.
 */
public record VersionDiff(int equal, int windowsLeftOut, List<String> tooLateOnOneSide, List<String> logic,
                          int weatherEqual, int weatherLeftOut, List<String> weather) {

    /** The weather tables a diff compares, by name: every column of every row. */
    public static final List<io.kappa.cassandra.Table<?>> WEATHER_TABLES = List.of(
            io.kappa.cassandra.Tables.WEATHER_OBSERVATIONS, io.kappa.cassandra.Tables.WEATHER_WINDOWS,
            io.kappa.cassandra.Tables.WEATHER_LATEST);

    /**
     * One side: its rows ({@link WordCounts.Count}), through which window end they are final ({@code closedThrough}:
     * windows ending at or before it; null for all), and its late words per (window start, word).
     */
    public record Side(String name, List<WordCounts.Count> rows, Long closedThrough, Map<String, Long> late,
                       Map<String, Map<String, String>> weather, Long weatherClosedThrough) {
        /** A side without weather rows. */
        public Side(String name, List<WordCounts.Count> rows, Long closedThrough, Map<String, Long> late) {
            this(name, rows, closedThrough, late, Map.of(), closedThrough);
        }

        boolean closed(long windowEnd) {
            return closedThrough == null || windowEnd <= closedThrough;
        }

        /** Whether a weather row ending (or observed) at this time is final on this side, by its weather event time. */
        boolean weatherClosed(long end) {
            return weatherClosedThrough == null || end <= weatherClosedThrough;
        }
    }

    /** Through which window end a live version's rows are final: its watermark passed end − 1 + allowed lateness. */
    public static Long closedThrough(Long watermark, boolean running, long allowedLatenessMs) {
        if (!running) {
            return null;
        }
        return watermark == null ? Long.MIN_VALUE : watermark - allowedLatenessMs + 1;
    }

    /** The late words of a version's late topic, summed per (window start, word) over distinct source records. */
    public static Map<String, Long> lateWords(Iterable<byte[]> lateTopicValues) {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> late = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (byte[] value : lateTopicValues) {
            try {
                JsonNode j = json.readTree(value);
                String position = j.path("topic").asText() + ":" + j.path("partition").asInt() + ":"
                        + j.path("offset").asLong() + " " + j.path("word").asText();
                if (j.path("partition").asInt() < 0 || seen.add(position)) { // repeats after a failover count once
                    late.merge(WordCounts.key(j.path("windowStart").asLong(), j.path("word").asText()),
                            j.path("count").asLong(), Long::sum);
                }
            } catch (IOException e) {
                // not a late word: ignored
            }
        }
        return late;
    }

    /** @param from, to the range of window starts compared (inclusive, exclusive), or null */
    public static VersionDiff compare(Side a, Side b, Long from, Long to) {
        Map<String, WordCounts.Count> left = byKey(a.rows(), from, to);
        Map<String, WordCounts.Count> right = byKey(b.rows(), from, to);
        TreeSet<String> keys = new TreeSet<>(left.keySet());
        keys.addAll(right.keySet());
        int equal = 0;
        Set<Long> leftOut = new TreeSet<>();
        List<String> tooLate = new ArrayList<>();
        List<String> logic = new ArrayList<>();
        for (String key : keys) {
            WordCounts.Count l = left.get(key);
            WordCounts.Count r = right.get(key);
            WordCounts.Count any = l != null ? l : r;
            if (!a.closed(any.windowEnd()) || !b.closed(any.windowEnd())) {
                leftOut.add(any.windowStart());
                continue;
            }
            long lc = l == null ? 0 : l.count();
            long rc = r == null ? 0 : r.count();
            if (lc == rc) {
                equal++;
                continue;
            }
            String line = key + ": " + a.name() + " " + lc + ", " + b.name() + " " + rc;
            long lateLeft = a.late().getOrDefault(key, 0L);
            long lateRight = b.late().getOrDefault(key, 0L);
            if (rc - lc == lateLeft - lateRight) {
                tooLate.add(line + " (" + (lateLeft > 0 ? a.name() + " took " + lateLeft : "")
                        + (lateLeft > 0 && lateRight > 0 ? ", " : "") + (lateRight > 0 ? b.name() + " took " + lateRight : "")
                        + " as too late)");
            } else {
                logic.add(line);
            }
        }
        int[] weatherCounts = new int[2];
        List<String> weather = new ArrayList<>();
        for (io.kappa.cassandra.Table<?> table : WEATHER_TABLES) {
            compareWeather(table.name(), a, b, from, to, weatherCounts, weather);
        }
        return new VersionDiff(equal, leftOut.size(), tooLate, logic, weatherCounts[0], weatherCounts[1], weather);
    }

    /** The {@code window_end} of a weather window's row as {@code WeatherReadings.all} writes it. */
    private static long windowEnd(String row) {
        for (String column : row.split(" ")) {
            if (column.startsWith("window_end=")) {
                return Long.parseLong(column.substring("window_end=".length()));
            }
        }
        throw new IllegalStateException("a weather window without window_end: " + row);
    }

    /**
     * One weather table's rows, every column: observations with {@code dt} before both sides' closed-through time,
     * windows both sides have closed (by each side's weather event time: its weather window operator's watermark less
     * the allowed lateness), the latest readings only when neither side runs (a running version's latest moves). Rows one side cannot be judged on yet are counted in {@code counts[1]}.
     */
    private static void compareWeather(String table, Side a, Side b, Long from, Long to, int[] counts, List<String> out) {
        Map<String, String> left = a.weather().getOrDefault(table, Map.of());
        Map<String, String> right = b.weather().getOrDefault(table, Map.of());
        TreeSet<String> keys = new TreeSet<>(left.keySet());
        keys.addAll(right.keySet());
        for (String key : keys) {
            String[] parts = key.split(" ");
            Long time = parts.length > 1 ? java.time.Instant.parse(parts[1]).toEpochMilli() : null;
            if (time != null && ((from != null && time < from) || (to != null && time >= to))) {
                continue;
            }
            // a window is final once its end is closed; an observation once its own time is
            Long end = table.equals(io.kappa.cassandra.Tables.WEATHER_WINDOWS.name())
                    ? Long.valueOf(windowEnd(left.getOrDefault(key, right.get(key)))) : time;
            boolean judged = table.equals(io.kappa.cassandra.Tables.WEATHER_LATEST.name())
                    ? a.weatherClosedThrough() == null && b.weatherClosedThrough() == null
                    : a.weatherClosed(end) && b.weatherClosed(end);
            if (!judged) {
                counts[1]++;
                continue;
            }
            String l = left.get(key);
            String r = right.get(key);
            if (java.util.Objects.equals(l, r)) {
                counts[0]++;
            } else {
                out.add(table + " " + key + ": " + a.name() + " " + (l == null ? "no row" : l) + "; " + b.name() + " "
                        + (r == null ? "no row" : r));
            }
        }
    }

    private static Map<String, WordCounts.Count> byKey(List<WordCounts.Count> rows, Long from, Long to) {
        Map<String, WordCounts.Count> m = new HashMap<>();
        for (WordCounts.Count c : rows) {
            if ((from == null || c.windowStart() >= from) && (to == null || c.windowStart() < to)) {
                m.put(WordCounts.key(c.windowStart(), c.word()), c);
            }
        }
        return m;
    }

    public boolean identical() {
        return tooLateOnOneSide.isEmpty() && logic.isEmpty() && weather.isEmpty();
    }

    /** What {@code bin/kappa diff} prints. */
    public List<String> report(String leftName, String rightName) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("  rows equal: %,d   differences: %,d too late on one side, %,d logic   windows left out "
                + "(not closed by both): %,d", equal, tooLateOnOneSide.size(), logic.size(), windowsLeftOut));
        example("records one side took as too late", tooLateOnOneSide, lines);
        example("logic changes", logic, lines);
        lines.add(String.format("  weather rows equal: %,d   different: %,d   left out (not closed by both; the latest "
                + "readings while a version runs): %,d", weatherEqual, weather.size(), weatherLeftOut));
        example("weather differences", weather, lines);
        return lines;
    }

    private static void example(String what, List<String> rows, List<String> lines) {
        if (!rows.isEmpty()) {
            lines.add("  " + what + ", e.g.:");
            rows.stream().limit(5).forEach(r -> lines.add("    " + r));
        }
    }
}
