package io.kappa.job;

import java.util.Optional;

/**
 * The names the job gives and the CLI reads back, made here and read back here: the job's name on the cluster,
 * {@code kappa-<mode>-<keyspace>} unless {@code --job-name} says otherwise (the dashboard and the version commands find
 * a version's job by it), and the operators' names that the CLI finds in the REST API's vertices: the Kafka sources'
 * ({@link io.kappa.kafka.KafkaSources#sourceName}) and the window operator's ({@link
 * io.kappa.words.CountWordsPerWindow#NAME}).
 */
public final class JobNames {
    private JobNames() {}

    public static final String PREFIX = "kappa-";

    public static String of(JobOptions.Mode mode, String keyspace) {
        return PREFIX + mode + "-" + keyspace;
    }

    /** The mode and keyspace of a job named by {@link #of}. */
    public record Parsed(JobOptions.Mode mode, String keyspace) {}

    public static Optional<Parsed> parse(String name) {
        for (JobOptions.Mode mode : JobOptions.Mode.values()) {
            String prefix = PREFIX + mode + "-";
            if (name != null && name.startsWith(prefix) && name.length() > prefix.length()) {
                return Optional.of(new Parsed(mode, name.substring(prefix.length())));
            }
        }
        return Optional.empty();
    }
}
