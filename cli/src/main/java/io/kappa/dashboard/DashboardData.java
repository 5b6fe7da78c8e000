package io.kappa.dashboard;

import com.datastax.driver.core.exceptions.DriverException;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.client.cassandra.CassandraEndpoint;
import io.kappa.client.generate.Cities;
import io.kappa.client.ClientException;
import io.kappa.client.flink.FlinkRest;
import io.kappa.client.kafka.Offsets;
import io.kappa.client.versions.ReplayWatch;
import io.kappa.client.versions.Serving;
import io.kappa.client.versions.Versions;
import io.kappa.client.cassandra.WeatherReadings;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.dashboard.DashboardJson.CityWeather;
import io.kappa.dashboard.DashboardJson.CityWindow;
import io.kappa.dashboard.DashboardJson.Job;
import io.kappa.dashboard.DashboardJson.Latest;
import io.kappa.dashboard.DashboardJson.LatestReading;
import io.kappa.dashboard.DashboardJson.Pipeline;
import io.kappa.dashboard.DashboardJson.Reading;
import io.kappa.dashboard.DashboardJson.Replay;
import io.kappa.job.JobOptions;
import io.kappa.kafka.KafkaSettings;
import io.kappa.words.TextNormaliser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the dashboard shows, read on each request: Cassandra through {@link WordCounts}, {@link WeatherReadings} and
 * {@link Serving} on one shared driver connection (opened on first use, again after it could not be), the jobs
 * through {@link FlinkRest}. Every failure is an exception with a message fit for the page.
 */
public final class DashboardData implements DashboardSource {
    private final KafkaSettings kafka;
    private final CassandraEndpoint cassandraEndpoint;
    private final String keyspace;
    private final String flinkUrl;
    private final FlinkRest flink;
    /** A watch per replay job, made when the dashboard first sees the job (its range as a replay counts it at start). */
    private final Map<String, ReplayWatch> replays = new ConcurrentHashMap<>();
    private static final long RETRY_AFTER_NANOS = 5_000_000_000L;
    private CassandraConnection cassandra;
    private IllegalStateException lastFailure;
    private long lastFailureAt;

    /**
     * @param keyspace the output version to show when a request names none, or null for the served one
     *                 ({@code kappa_meta.serving}, else "kappa"), read again on every request
     */
    public DashboardData(KafkaSettings kafka, CassandraEndpoint cassandra, String keyspace, String flinkUrl) {
        if (keyspace != null) {
            cassandra.keyspace(keyspace); // validates the name
        }
        this.kafka = kafka;
        this.cassandraEndpoint = cassandra;
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
                cassandra = CassandraConnection.open(cassandraEndpoint.keyspace(Serving.FALLBACK));
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
        cassandraEndpoint.keyspace(ks); // IllegalArgumentException for a name that cannot be a keyspace
        return ks;
    }

    private WordCounts results(String ks) {
        return new WordCounts(cassandraEndpoint.keyspace(ks), cassandra());
    }

    private WeatherReadings weather(String ks) {
        return new WeatherReadings(cassandraEndpoint.keyspace(ks), cassandra());
    }

    @Override
    public DashboardJson.TopWords top(String requestedKeyspace, String window, int n) {
        String ks = keyspace(requestedKeyspace);
        try (WordCounts r = results(ks)) {
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
        try (WordCounts r = results(ks)) {
            return DashboardJson.series(ks, normalised, normalised.isEmpty() ? List.of() : r.word(normalised, last));
        }
    }

    @Override
    public Latest latest(String requestedKeyspace) {
        String ks = keyspace(requestedKeyspace);
        List<LatestReading> cities = new ArrayList<>();
        try (WeatherReadings w = weather(ks)) {
            for (WeatherReadings.LatestRow r : w.latest()) {
                cities.add(new LatestReading(r.cityId(), r.city(), r.country(), r.tempC(), r.feelsLikeC(), r.windKmh(),
                        r.beaufortName(), r.compass(), r.condition(), r.localTime(), time(r.observedAt())));
            }
        }
        return new Latest(ks, cities);
    }

    @Override
    public CityWeather city(String requestedKeyspace, String idOrName, int last) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new IllegalArgumentException("give a city: /api/weather/city?id=2643743 (or a bundled name: London)");
        }
        long cityId = Cities.cityId(idOrName);
        String ks = keyspace(requestedKeyspace);
        List<Reading> readings = new ArrayList<>();
        List<CityWindow> windows = new ArrayList<>();
        String name = io.kappa.weather.CityDirectory.bundled().find(cityId).map(io.kappa.weather.City::name).orElse(null);
        try (WeatherReadings w = weather(ks)) {
            for (WeatherReadings.ObservationRow r : w.observations(cityId, last)) {
                readings.add(new Reading(time(r.observedAt()), r.localTime(), r.tempC(), r.feelsLikeC(), r.windKmh(),
                        r.beaufortName(), r.compass(), r.description()));
                name = r.city();
            }
            for (WeatherReadings.WindowRow r : w.windows(cityId, last)) {
                windows.add(new CityWindow(time(r.windowStart()), time(r.windowEnd()),
                        r.readings() == null ? 0 : r.readings(), r.minTempC(), r.maxTempC(), r.avgTempC(),
                        r.maxWindKmh(), r.topCondition()));
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
        } catch (ClientException e) {
            flinkError = e.getMessage();
        }
        List<String> versions = List.of();
        String served = null;
        boolean servedIsDefault = false;
        String cassandraError = null;
        try {
            CassandraConnection c = cassandra();
            if (c.session().getState().getConnectedHosts().isEmpty()) { // the driver reconnects by itself meanwhile
                throw new IllegalStateException("lost Cassandra at " + cassandraEndpoint
                        + ": is it running? (bin/kappa status)");
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
        String waiting = waitingForSlots(j);
        if (!j.state().equals("RUNNING")) {
            return new Job(j.id(), j.name(), j.state(), name.mode(), name.keyspace(), null, null, null, null, null, null,
                    waiting);
        }
        FlinkRest.JobDetails details = null;
        Map<String, Long> metrics = null;
        Replay replay = null;
        Long behind = null;
        Long eventTimeLag = null;
        String error = null;
        try {
            details = flink.details(j.id());
            metrics = flink.metricSums(j.id(), DashboardJson.METRICS);
            List<String> topics = DashboardJson.sourceTopics(details.vertices());
            if (JobOptions.Mode.replay.name().equals(name.mode())) {
                ReplayWatch watch = replays.computeIfAbsent(j.id(), id -> new ReplayWatch(flink, id,
                        new Offsets(kafka).starts(topics, null), new Offsets(kafka).endOffsets(topics)));
                replay = DashboardJson.replay(topics, watch.look(details.durationMillis() / 1000.0));
            } else if (JobOptions.Mode.live.name().equals(name.mode())) {
                OptionalLong watermark = Versions.watermark(flink, j.id());
                eventTimeLag = watermark.isPresent() ? Math.max(0, System.currentTimeMillis() - watermark.getAsLong()) : null;
                behind = Versions.behind(flink, kafka, j.id(), topics);
            }
        } catch (ClientException | IllegalStateException e) {
            error = e.getMessage(); // metrics are not there while the job is being scheduled; Kafka may be away
        }
        return new Job(j.id(), j.name(), j.state(), name.mode(), name.keyspace(),
                details == null ? null : details.startTime(), details == null ? null : details.durationMillis(),
                metrics, replay, behind, eventTimeLag, waiting != null ? waiting : error);
    }

    /** For a job that has not ended and has tasks not running: that they wait for task slots; else null. */
    private String waitingForSlots(FlinkRest.Job j) {
        if (io.kappa.client.flink.JobRunner.ENDED.contains(j.state())) {
            return null;
        }
        try {
            int waiting = flink.tasksWaiting(j.id());
            if (waiting == 0) {
                return null;
            }
            FlinkRest.Slots slots = flink.slots();
            return waiting + " tasks not running: waiting for task slots (" + slots.free() + " of " + slots.total()
                    + " free): stop a job, or lower its parallelism";
        } catch (ClientException e) {
            return null;
        }
    }

    private static String time(Long epochMillis) {
        return epochMillis == null ? null : DashboardJson.iso(epochMillis);
    }

    @Override
    public synchronized void close() {
        if (cassandra != null) {
            cassandra.close();
            cassandra = null;
        }
    }
}
