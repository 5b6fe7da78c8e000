package io.kappa.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The typed way to start the job: every place that submits it (bin/kappa's replay, versions, demo and bench, and
 * the tests) builds its options here and passes {@link #toList()} to {@code flink run}, the REST API or
 * {@link JobOptions#parse}. Options not named here are set through {@link #with}.
 */
public final class JobArgs {
    private final JobOptions o = JobOptions.defaults();

    private JobArgs(JobOptions.Mode mode) {
        o.mode = mode;
    }

    public static JobArgs live() {
        return new JobArgs(JobOptions.Mode.live);
    }

    public static JobArgs replay() {
        return new JobArgs(JobOptions.Mode.replay);
    }

    /**
     * Starts from arguments a user gave (e.g. what follows {@code --} on bin/kappa's command line); the typed
     * setters then override them.
     *
     * @throws io.kappa.core.InvalidOptionException one line naming the option
     */
    public static JobArgs of(List<String> args) {
        JobArgs a = new JobArgs(JobOptions.Mode.live);
        JobOptions.parseInto(a.o, args.toArray(String[]::new));
        return a;
    }

    public JobArgs mode(JobOptions.Mode mode) {
        o.mode = mode;
        return this;
    }

    public JobArgs keyspace(String keyspace) {
        o.keyspace = keyspace;
        return this;
    }

    public JobArgs kafka(String bootstrapServers) {
        o.bootstrapServers = bootstrapServers;
        return this;
    }

    public JobArgs cassandra(String hosts, int port) {
        o.cassandraHosts = hosts;
        o.cassandraPort = port;
        return this;
    }

    public JobArgs kafkaPropertiesFile(Path file) {
        o.kafkaPropertiesFile = file;
        return this;
    }

    public JobArgs cassandraPropertiesFile(Path file) {
        o.cassandraPropertiesFile = file;
        return this;
    }

    public JobArgs wordsTopic(String topic) {
        o.wordsTopic = topic;
        return this;
    }

    public JobArgs lateTopic(String topic) {
        o.lateTopic = topic;
        return this;
    }

    public JobArgs deadLetterTopic(String topic) {
        o.deadLetterTopic = topic;
        return this;
    }

    public JobArgs weatherTopic(String topic) {
        o.weather = true;
        o.weatherTopic = topic;
        return this;
    }

    public JobArgs weatherLateTopic(String topic) {
        o.weatherLateTopic = topic;
        return this;
    }

    public JobArgs noWeather() {
        o.weather = false;
        return this;
    }

    public JobArgs groupId(String groupId) {
        o.groupId = groupId;
        return this;
    }

    public JobArgs window(Duration window) {
        o.window = window;
        return this;
    }

    public JobArgs allowedLateness(Duration lateness) {
        o.allowedLateness = lateness;
        return this;
    }

    public JobArgs outOfOrderness(Duration outOfOrderness) {
        o.outOfOrderness = outOfOrderness;
        return this;
    }

    public JobArgs idleness(Duration idleness) {
        o.idleness = idleness;
        return this;
    }

    public JobArgs partitionDiscovery(Duration interval) {
        o.partitionDiscovery = interval;
        return this;
    }

    public JobArgs weatherWindow(Duration window) {
        o.weatherWindow = window;
        return this;
    }

    public JobArgs checkpointInterval(Duration interval) {
        o.checkpointInterval = interval;
        return this;
    }

    public JobArgs checkpointDir(String uri) {
        o.checkpointDir = uri;
        return this;
    }

    public JobArgs from(Instant from) {
        o.from = from.toString();
        return this;
    }

    public JobArgs replayRuntime(JobOptions.ReplayRuntime runtime) {
        o.replayRuntime = runtime;
        return this;
    }

    public JobArgs output(JobOptions.Output output) {
        o.output = output;
        return this;
    }

    public JobArgs jobName(String name) {
        o.jobName = name;
        return this;
    }

    /** Any other option, typed: {@code .with(o -> o.maxLineBytes = 1000)}. */
    public JobArgs with(Consumer<JobOptions> change) {
        change.accept(o);
        return this;
    }

    /** The job's arguments: only what differs from the defaults. */
    public List<String> toList() {
        return o.toArgs();
    }

    /** The options, parsed back from {@link #toList()} and validated as the job does. */
    public JobOptions parse() {
        return JobOptions.parse(toList().toArray(String[]::new));
    }

    @Override
    public String toString() {
        return String.join(" ", toList());
    }
}
