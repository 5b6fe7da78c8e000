package io.kappa.dashboard;

import io.kappa.cassandra.CassandraSettings;
import io.kappa.client.versions.ReplayProgress;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.core.Metrics;
import io.kappa.job.JobNames;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the dashboard's endpoints answer (serialised by Jackson as they are), and the pure steps that shape it. */
public final class DashboardJson {
    private DashboardJson() {}

    /** The job metrics the pipeline panel shows (see docs/operations.md, Metrics). */
    public static final List<String> METRICS = List.of(Metrics.RECORDS_READ, Metrics.WEATHER_READ, Metrics.LATE_WORDS,
            Metrics.CASSANDRA_RETRIES, Metrics.CASSANDRA_WRITES_IN_FLIGHT, Metrics.CASSANDRA_THROTTLED_MILLIS,
            Metrics.MALFORMED_RECORDS, Metrics.MALFORMED_WEATHER, Metrics.ROWS_WRITTEN);

    public record WordCount(String word, long count) {}

    /** /api/words/top: the top words of one window; {@code windows} are all windows with counts, oldest first. */
    public record TopWords(String keyspace, String window, String windowEnd, List<String> windows, List<WordCount> words) {}

    public record Point(String windowStart, String windowEnd, long count) {}

    /** /api/words/word: one word's counts, oldest window first (the order a line chart draws). */
    public record WordSeries(String keyspace, String word, List<Point> points) {}

    public record LatestReading(long cityId, String city, String country, Double tempC, Double feelsLikeC, Double windKmh,
                                String beaufort, String compass, String condition, String localTime, String observedAt) {}

    /** /api/weather/latest: the newest reading of every city, by country then city. */
    public record Latest(String keyspace, List<LatestReading> cities) {}

    public record Reading(String observedAt, String localTime, Double tempC, Double feelsLikeC, Double windKmh,
                          String beaufort, String compass, String description) {}

    public record CityWindow(String windowStart, String windowEnd, long readings, Double minTempC, Double maxTempC,
                             Double avgTempC, Double maxWindKmh, String topCondition) {}

    /** /api/weather/city: one city's readings and window summaries, both oldest first. */
    public record CityWeather(String keyspace, long cityId, String city, List<Reading> readings, List<CityWindow> windows) {}

    /** A running replay's progress: records read of the records in its topics. */
    public record Replay(List<String> topics, long read, long total, double fraction, double rate, Double etaSeconds,
                         double sinkThrottled) {}

    /**
     * One job of the session cluster; metrics and replay only while it runs. A running live job (an output version)
     * also has how many records of its topics it has not read yet ({@code behind}) and its event-time lag, now minus
     * its watermark ({@code eventTimeLagMillis}); null when not known yet.
     */
    public record Job(String id, String name, String state, String mode, String keyspace, Long startTime,
                      Long durationMillis, Map<String, Long> metrics, Replay replay, Long behind,
                      Long eventTimeLagMillis, String error) {}

    /** /api/pipeline: the jobs, the output versions (keyspaces) and the one served; an error per source, or null. */
    public record Pipeline(String flinkUrl, String flinkError, List<Job> jobs, List<String> versions, String served,
                           boolean servedIsDefault, String cassandraError) {}

    /** The dashboard's settings for the page. */
    public record Config(String keyspace, long refreshMillis, String flinkUrl, String chartJs) {}

    /** The error body of every endpoint. */
    public record Error(String error) {}

    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /**
     * The window to show: {@code latest} (or nothing) is the newest of {@code windows} (null when there is none);
     * otherwise an ISO-8601 instant.
     */
    public static Long windowStart(String requested, List<Long> windows) {
        if (requested == null || requested.isBlank() || requested.equals("latest")) {
            return windows.isEmpty() ? null : windows.get(windows.size() - 1);
        }
        try {
            return Instant.parse(requested.trim()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("window must be 'latest' or an ISO-8601 instant such as "
                    + "2026-11-22T10:00:00Z, was '" + requested + "'");
        }
    }

    public static TopWords top(String keyspace, Long windowStart, List<Long> windows, List<WordCounts.Count> top) {
        List<WordCount> words = top.stream().map(c -> new WordCount(c.word(), c.count())).toList();
        String end = top.isEmpty() ? null : iso(top.get(0).windowEnd());
        return new TopWords(keyspace, windowStart == null ? null : iso(windowStart), end,
                windows.stream().map(DashboardJson::iso).toList(), words);
    }

    /** Counts as {@link WordCounts#word} gives them (newest first), turned oldest first. */
    public static WordSeries series(String keyspace, String word, List<WordCounts.Count> newestFirst) {
        List<Point> points = new ArrayList<>();
        for (WordCounts.Count c : newestFirst) {
            points.add(new Point(iso(c.windowStart()), iso(c.windowEnd()), c.count()));
        }
        Collections.reverse(points);
        return new WordSeries(keyspace, word, points);
    }

    /** What a job's name says, when it is the default kappa-&lt;mode&gt;-&lt;keyspace&gt; (--job-name may say less). */
    public record JobName(String mode, String keyspace) {}

    public static JobName parseJobName(String name) {
        var parsed = JobNames.parse(name).filter(p -> CassandraSettings.isValidKeyspace(p.keyspace()));
        if (parsed.isPresent()) {
            return new JobName(parsed.get().mode().name(), parsed.get().keyspace());
        }
        String lower = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
        return new JobName(lower.contains("replay") ? "replay" : lower.contains("live") ? "live" : null, null);
    }

    /** The topics a job reads, from its vertex names ({@link io.kappa.kafka.KafkaSources#topicsOfSources}). */
    public static List<String> sourceTopics(List<String> vertexNames) {
        List<String> topics = new ArrayList<>();
        for (String v : vertexNames) {
            for (String t : io.kappa.kafka.KafkaSources.topicsOfSources(v)) {
                if (!topics.contains(t)) {
                    topics.add(t);
                }
            }
        }
        return topics;
    }

    /** A replay's progress as bin/kappa replay draws it, and how much its Cassandra sink holds it back. */
    public static Replay replay(List<String> topics, ReplayProgress p) {
        return new Replay(topics, p.read(), p.total(), p.fraction(), p.rate(), p.etaSeconds(), p.throttled());
    }

    /** Running jobs first, then the others; each group newest first where the start is known. */
    public static List<Job> ordered(List<Job> jobs) {
        List<Job> sorted = new ArrayList<>(jobs);
        sorted.sort(Comparator.comparing((Job j) -> !j.state().equals("RUNNING"))
                .thenComparing(j -> j.startTime() == null ? Long.MAX_VALUE : -j.startTime()));
        return sorted;
    }
}
