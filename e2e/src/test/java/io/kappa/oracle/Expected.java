package io.kappa.oracle;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a correct run must produce from the input topics' records (semantics.md):
 * <ul>
 *   <li>{@code wordCounts}: table {@code word_counts_by_window} (rule 2), sorted by window, then word;</li>
 *   <li>{@code lateWords}: topic {@code <keyspace>-words-late}, as a set (rule 3);</li>
 *   <li>{@code deadLetters}: topic {@code <keyspace>-dead-letters}, words and weather records alike, as a set;</li>
 *   <li>{@code observations}: table {@code weather_observations_by_city} with each row's write timestamp;</li>
 *   <li>{@code latest}: table {@code weather_latest_by_city} by city id, as the full winning observation (see
 *       {@link #latestRows()} for the table's own columns);</li>
 *   <li>{@code weatherWindows}: table {@code weather_windows_by_city};</li>
 *   <li>{@code lateWeather}: topic {@code <keyspace>-weather-late}, as a set;</li>
 *   <li>{@code closedWords}: late words of the timing rule (reason "window closed by the other partitions' event
 *       time"), as the contract promises them: per (window, word), the total count;</li>
 *   <li>{@code warnings}: inputs the contract cannot judge exactly (e.g. rule 4's equal-dt key collision); a
 *       differential test should treat any as a broken scenario.</li>
 * </ul>
 * Maps are sorted by key; sets keep the order the model produced them in (partition, then offset).
 */
public record Expected(
        Map<WordKey, WordRow> wordCounts,
        Set<LateWord> lateWords,
        Set<DeadLetter> deadLetters,
        Map<ObservationKey, Observation> observations,
        Map<Long, Observation> latest,
        Map<WindowKey, WindowSummary> weatherWindows,
        Set<LateReading> lateWeather,
        Map<WordKey, Long> closedWords,
        List<String> warnings) {

    /** {@link #latest} as rows of {@code weather_latest_by_city} (its columns only, plus the write timestamp). */
    public Map<Long, LatestRow> latestRows() {
        Map<Long, LatestRow> rows = new TreeMap<>();
        for (Map.Entry<Long, Observation> e : latest.entrySet()) {
            rows.put(e.getKey(), e.getValue().toLatestRow());
        }
        return rows;
    }
}
