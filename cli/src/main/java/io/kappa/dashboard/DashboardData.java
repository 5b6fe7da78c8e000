package io.kappa.dashboard;

import com.datastax.driver.core.Row;
import com.datastax.driver.core.exceptions.DriverException;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.cli.Connections;
import io.kappa.cli.QueryCommand;
import io.kappa.cli.ReplayCommand;
import io.kappa.cli.Results;
import io.kappa.cli.Serving;
import io.kappa.cli.WeatherResults;
import io.kappa.dashboard.DashboardJson.CityWeather;
import io.kappa.dashboard.DashboardJson.CityWindow;
import io.kappa.dashboard.DashboardJson.Job;
import io.kappa.dashboard.DashboardJson.Latest;
import io.kappa.dashboard.DashboardJson.LatestReading;
import io.kappa.dashboard.DashboardJson.Pipeline;
import io.kappa.dashboard.DashboardJson.Reading;
import io.kappa.dashboard.DashboardJson.Replay;
import io.kappa.stack.FlinkRest;
import io.kappa.stack.StackException;
import io.kappa.words.TextNormaliser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the dashboard shows, read on each request: Cassandra through {@link Results}, {@link WeatherResults} and
 * {@link Serving} on one shared driver connection (opened on first use, again after it could not be), the jobs
 * through {@link FlinkRest}. Every failure is an exception with a message fit for the page.
 */
public final class DashboardData implements DashboardSource {
    private final Connections connections;
    private final String keyspace;
    private final String flinkUrl;
    private final FlinkRest flink;
    /** Records to replay per replay job, counted when the dashboard first sees the job (as ReplayCommand does at start). */
    private final Map<String, Long> replayTotals = new ConcurrentHashMap<>();
    private static final long RETRY_AFTER_NANOS = 5_000_000_000L;
    private CassandraConnection cassandra;
    private IllegalStateException lastFailure;
    private long lastFailureAt;

    /**
     * @param keyspace the output version to show when a request names none, or null for the served one
     *                 ({@code kappa_meta.serving}, else "kappa"), read again on every request
     */
    public DashboardData(Connections connections, String keyspace, String flinkUrl) {
        if (keyspace != null) {
            connections.cassandra(keyspace, 1); // validates the name
        }
        this.connections = connections;
        this.keyspace = keyspace;
        this.flinkUrl = flinkUrl;
        this.flink = new FlinkRest(flinkUrl);
    }

    @Override
    public String flinkUrl() {
        return flinkUrl;
    }

    @Override
    public String fixedKeyspace() {
        return keyspace;
    }

    /** The shared connection; after a failed attempt, the same failure for a few seconds rather than another wait. */
    private synchronized CassandraConnection cassandra() {
        if (cassandra == null) {
            if (lastFailure != null && System.nanoTime() - lastFailureAt < RETRY_AFTER_NANOS) {
                throw lastFailure;
            }
            try {
                cassandra = CassandraConnection.open(connections.cassandra(Serving.FALLBACK, 1));
                lastFailure = null;
            } catch (IllegalStateException e) {
                lastFailure = e;
                lastFailureAt = System.nanoTime();
                throw e;
            }
        }
        return cassandra;
    }

    /** The keyspace a request reads: the one it names, else the dashboard's, else the served one. */
    String keyspace(String requested) {
        String ks = requested != null && !requested.isBlank() ? requested.trim()
                : keyspace != null ? keyspace
                : Serving.current(cassandra().session()).orElse(Serving.FALLBACK);
        connections.cassandra(ks, 1); // IllegalArgumentException for a name that cannot be a keyspace
        return ks;
    }

    private Results results(String ks) {
        return new Results(connections.cassandra(ks, 1), cassandra());
    }

    private WeatherResults weather(String ks) {
        return new WeatherResults(connections.cassandra(ks, 1), cassandra());
    }

    @Override
    public DashboardJson.TopWords top(String requestedKeyspace, String window, int n) {
        String ks = keyspace(requestedKeyspace);
        try (Results r = results(ks)) {
            List<Long> windows = r.windows();
            Long start = DashboardJson.windowStart(window, windows);
            return DashboardJson.top(ks, start, windows, start == null ? List.of() : r.top(start, n));
        }
    }

    @Override
    public DashboardJson.WordSeries word(String requestedKeyspace, String word, int last) {
        if (word == null || word.isBlank()) {
            throw new IllegalArgumentException("give a word: /api/words/word?w=fox");
        }
        String ks = keyspace(requestedKeyspace);
        String normalised = String.join(" ", TextNormaliser.words(word)); // as the job counts it, like query word
        try (Results r = results(ks)) {
            return DashboardJson.series(ks, normalised, normalised.isEmpty() ? List.of() : r.word(normalised, last));
        }
    }

    @Override
    public Latest latest(String requestedKeyspace) {
        String ks = keyspace(requestedKeyspace);
        List<LatestReading> cities = new ArrayList<>();
        try (WeatherResults w = weather(ks)) {
            for (Row r : w.latest()) {
                cities.add(new LatestReading(r.getLong("city_id"), r.getString("city"), r.getString("country"),
                        dbl(r, "temp_c"), dbl(r, "feels_like_c"), dbl(r, "wind_kmh"), r.getString("beaufort_name"),
                        r.getString("compass"), r.getString("condition"), r.getString("local_time"),
                        time(r.getTimestamp("observed_at"))));
            }
        }
        return new Latest(ks, cities);
    }

    @Override
    public CityWeather city(String requestedKeyspace, String idOrName, int last) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new IllegalArgumentException("give a city: /api/weather/city?id=2643743 (or a bundled name: London)");
        }
        long cityId = QueryCommand.cityId(idOrName);
        String ks = keyspace(requestedKeyspace);
        List<Reading> readings = new ArrayList<>();
        List<CityWindow> windows = new ArrayList<>();
        String name = io.kappa.weather.CityDirectory.bundled().find(cityId).map(io.kappa.weather.City::name).orElse(null);
        try (WeatherResults w = weather(ks)) {
            for (Row r : w.observations(cityId, last)) {
                readings.add(new Reading(time(r.getTimestamp("observed_at")), r.getString("local_time"), dbl(r, "temp_c"),
                        dbl(r, "feels_like_c"), dbl(r, "wind_kmh"), r.getString("beaufort_name"), r.getString("compass"),
                        r.getString("description")));
                name = r.getString("city");
            }
            for (Row r : w.windows(cityId, last)) {
                windows.add(new CityWindow(time(r.getTimestamp("window_start")), time(r.getTimestamp("window_end")),
                        r.getLong("readings"), dbl(r, "min_temp_c"), dbl(r, "max_temp_c"), dbl(r, "avg_temp_c"),
                        dbl(r, "max_wind_kmh"), r.getString("top_condition")));
            }
        }
        Collections.reverse(readings); // the tables give newest first; charts draw oldest first
        Collections.reverse(windows);
        return new CityWeather(ks, cityId, name, readings, windows);
    }

    /** The jobs (Flink) and the output versions (Cassandra); one source failing leaves the other's part. */
    @Override
    public Pipeline pipeline() {
        List<Job> jobs = new ArrayList<>();
        String flinkError = null;
        try {
            for (FlinkRest.Job j : flink.jobs()) {
                jobs.add(job(j));
            }
        } catch (StackException e) {
            flinkError = e.getMessage();
        }
        List<String> versions = List.of();
        String served = null;
        boolean servedIsDefault = false;
        String cassandraError = null;
        try {
            CassandraConnection c = cassandra();
            if (c.session().getState().getConnectedHosts().isEmpty()) { // the driver reconnects by itself meanwhile
                throw new IllegalStateException("lost Cassandra at " + connections.cassandraHosts + ":"
                        + connections.cassandraPort + ": is it running? (bin/kappa status)");
            }
            versions = Serving.versions(c.cluster());
            Optional<String> promoted = Serving.current(c.session());
            served = promoted.orElse(Serving.FALLBACK);
            servedIsDefault = promoted.isEmpty();
        } catch (IllegalStateException | DriverException e) {
            cassandraError = DashboardServer.message(e);
        }
        return new Pipeline(flinkUrl, flinkError, DashboardJson.ordered(jobs), versions, served, servedIsDefault,
                cassandraError);
    }

    private Job job(FlinkRest.Job j) {
        DashboardJson.JobName name = DashboardJson.parseJobName(j.name());
        if (!j.state().equals("RUNNING")) {
            return new Job(j.id(), j.name(), j.state(), name.mode(), name.keyspace(), null, null, null, null, null);
        }
        FlinkRest.JobDetails details = null;
        Map<String, Long> metrics = null;
        Replay replay = null;
        String error = null;
        try {
            details = flink.details(j.id());
            metrics = flink.metricSums(j.id(), DashboardJson.METRICS);
            if ("replay".equals(name.mode())) {
                List<String> topics = DashboardJson.sourceTopics(details.vertices());
                long total = replayTotals.computeIfAbsent(j.id(),
                        id -> ReplayCommand.recordsToReplay(connections.kafka(), topics, null));
                replay = DashboardJson.replay(topics, metrics, total, details.durationMillis());
            }
        } catch (StackException | IllegalStateException e) {
            error = e.getMessage(); // metrics are not there while the job is being scheduled; Kafka may be away
        }
        return new Job(j.id(), j.name(), j.state(), name.mode(), name.keyspace(),
                details == null ? null : details.startTime(), details == null ? null : details.durationMillis(),
                metrics, replay, error);
    }

    private static Double dbl(Row r, String column) {
        return r.isNull(column) ? null : r.getDouble(column);
    }

    private static String time(Date d) {
        return d == null ? null : DashboardJson.iso(d.getTime());
    }

    @Override
    public synchronized void close() {
        if (cassandra != null) {
            cassandra.close();
            cassandra = null;
        }
    }
}
