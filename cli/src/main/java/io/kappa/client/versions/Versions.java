package io.kappa.client.versions;

import io.kappa.client.ClientException;
import io.kappa.client.flink.FlinkRest;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.kafka.Offsets;
import io.kappa.client.Times;

import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.job.JobNames;
import io.kappa.job.JobOptions;
import io.kappa.kafka.KafkaSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * The output versions as a Kappa operator sees them: every keyspace with the job's tables, the live job writing it (by
 * its name, {@code kappa-live-<keyspace>}), how far that job is behind the head of its topics, its event-time watermark,
 * and which version readers are served.
 */
public final class Versions {
    /** The vertex whose watermark is a version's event time: the word count's window operator. */
    public static final String WINDOW_VERTEX = io.kappa.words.CountWordsPerWindow.NAME;
    /** Behind the head by at most this many records counts as caught up. */
    public static final long CAUGHT_UP_RECORDS = 1_000;

    private final FlinkRest rest;
    private final KafkaSettings kafka;
    private final CassandraSettings cassandra;

    public Versions(FlinkRest rest, KafkaSettings kafka, CassandraSettings any) {
        this.rest = rest;
        this.kafka = kafka;
        this.cassandra = any;
    }

    /**
     * One version: its keyspace, its running live job (or null), records behind the head of its topics (null when it
     * has no running job), its watermark (epoch ms, or null), whether it is served, and its registry entry (or null
     * for a keyspace written otherwise, e.g. by a bounded replay).
     */
    public record Version(String keyspace, FlinkRest.Job job, Long behind, Long watermark, boolean served,
                          VersionRegistry.Entry entry) {
        public boolean running() {
            return job != null;
        }
    }

    public List<Version> list() {
        TreeSet<String> names = new TreeSet<>();
        String served;
        try (CassandraConnection c = CassandraConnection.open(cassandra)) {
            names.addAll(Serving.versions(c.cluster()));
            served = Serving.current(c.session()).orElse(Serving.FALLBACK);
        }
        List<VersionRegistry.Entry> entries = new VersionRegistry(cassandra).all();
        entries.forEach(e -> names.add(e.name()));
        List<FlinkRest.Job> jobs = rest.jobs();
        for (FlinkRest.Job job : jobs) { // live jobs started by a plain flink run are versions too
            JobNames.parse(job.name()).filter(p -> p.mode() == JobOptions.Mode.live)
                    .filter(p -> job.state().equals(JobRunner.RUNNING)).ifPresent(p -> names.add(p.keyspace()));
        }
        List<Version> versions = new ArrayList<>();
        for (String name : names) {
            VersionRegistry.Entry entry = entries.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
            Version v = describe(name, jobs, entry, name.equals(served));
            if (entry == null && v.running()) {
                v = adopt(v);
            }
            versions.add(v);
        }
        return versions;
    }

    /**
     * Registers a live version whose job was started without {@code bin/kappa version start} (a plain {@code flink run},
     * the web UI), with the options it really runs with ({@link FlinkRest#kappaJobArgs}), so that diff, promote and
     * retire know its consumer group, topics and allowed lateness. A job that does not say its options stays as it is.
     */
    private Version adopt(Version v) {
        List<String> args = rest.kappaJobArgs(v.job().id());
        if (args.isEmpty()) {
            return v;
        }
        try {
            io.kappa.job.JobOptions o = io.kappa.job.JobOptions.parse(Map.of(), args.toArray(String[]::new));
            VersionRegistry.Entry entry = new VersionRegistry.Entry(v.keyspace(), o.groupId, o.wordsTopic,
                    o.weather ? o.weatherTopic : null, o.allowedLateness.toMillis(), String.join(" ", args),
                    ADOPTED_JAR, v.job().id(), System.currentTimeMillis(), null, null);
            new VersionRegistry(cassandra).started(entry);
            return new Version(v.keyspace(), v.job(), v.behind(), v.watermark(), v.served(), entry);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return v; // options this build cannot read: listed, not registered
        }
    }

    /** The jar of an adopted version, as the registry records it: it was not submitted by bin/kappa. */
    public static final String ADOPTED_JAR = "(started outside bin/kappa: adopted)";

    public Optional<Version> find(String name) {
        return list().stream().filter(v -> v.keyspace().equals(name)).findFirst();
    }

    private Version describe(String keyspace, List<FlinkRest.Job> jobs, VersionRegistry.Entry entry, boolean served) {
        String jobName = JobNames.of(JobOptions.Mode.live, keyspace);
        FlinkRest.Job job = jobs.stream().filter(j -> j.name().equals(jobName) && j.state().equals(JobRunner.RUNNING))
                .findFirst().orElse(null);
        if (job == null) {
            return new Version(keyspace, null, null, null, served, entry);
        }
        Long behind = null;
        Long watermark = null;
        try {
            behind = behind(job.id(), topics(entry));
            OptionalLong w = watermark(rest, job.id());
            watermark = w.isPresent() ? w.getAsLong() : null;
        } catch (ClientException | IllegalStateException e) {
            // the job is being scheduled or restarted: its metrics are not there yet
        }
        return new Version(keyspace, job, behind, watermark, served, entry);
    }

    private static List<String> topics(VersionRegistry.Entry entry) {
        if (entry == null) {
            return List.of(JobOptions.WORDS_TOPIC);
        }
        List<String> topics = new ArrayList<>(List.of(entry.wordsTopic()));
        if (entry.weatherTopic() != null) {
            topics.add(entry.weatherTopic());
        }
        return topics;
    }

    /** Records of the topics after the last ones the job's sources emitted: how far it is behind the head. */
    public long behind(String jobId, List<String> topics) {
        return behind(rest, kafka, jobId, topics);
    }

    /** As {@link #behind(String, List)}, for any job of the cluster (the dashboard's live jobs). */
    public static long behind(FlinkRest rest, KafkaSettings kafka, String jobId, List<String> topics) {
        Map<TopicPartition, Long> ends = new Offsets(kafka).endOffsets(topics);
        Map<TopicPartition, Long> starts = new Offsets(kafka).starts(topics, null);
        long total = Offsets.recordsBetween(starts, ends);
        return total - Offsets.readSoFar(starts, ends, rest.sourceOffsets(jobId));
    }

    /** A version's event time: the minimum watermark of its window operator, if it has one yet. */
    public static OptionalLong watermark(FlinkRest rest, String jobId) {
        return rest.watermark(jobId, WINDOW_VERTEX);
    }

    /**
     * Caught up with the served version: behind the head by at most {@value #CAUGHT_UP_RECORDS} records, and its
     * watermark at or past {@code servedWatermark}, a watermark the served version had (null: no served version with a
     * running job, nothing to reach). Null when it is, else why not. Both watermarks move on a live feed, each in its
     * own steps, so the caller fixes the served one's at one look and waits for this one to reach it
     * ({@link VersionLifecycle#awaitCaughtUp}), rather than comparing two moving values.
     */
    public static String notCaughtUp(Version v, String servedName, Long servedWatermark) {
        if (!v.running()) {
            return v.keyspace() + " has no running live job: new records would not reach it (bin/kappa version start "
                    + v.keyspace() + ")";
        }
        if (v.behind() == null || v.behind() > CAUGHT_UP_RECORDS) {
            return v.keyspace() + " is " + (v.behind() == null ? "an unknown number of" : String.format("%,d", v.behind()))
                    + " records behind the head of its topics";
        }
        if (servedWatermark != null && !v.keyspace().equals(servedName)
                && (v.watermark() == null || v.watermark() < servedWatermark)) {
            return v.keyspace() + "'s event time (watermark " + Times.iso(v.watermark()) + ") has not reached "
                    + servedName + "'s (" + Times.iso(servedWatermark) + ")";
        }
        return null;
    }
}
