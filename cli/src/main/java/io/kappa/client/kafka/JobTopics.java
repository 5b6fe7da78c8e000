package io.kappa.client.kafka;

import io.kappa.job.JobOptions;
import java.util.List;

/**
 * The job's default topics: its inputs ({@code --words-topic}, {@code --weather-topic}) and the side topics of the
 * default output version ({@code kappa-words-late}, {@code kappa-weather-late}, {@code kappa-dead-letters}), named as
 * the job names them ({@link JobOptions#sideTopic}).
 */
public final class JobTopics {
    public static final String WORDS = JobOptions.WORDS_TOPIC;
    public static final String WEATHER = JobOptions.WEATHER_TOPIC;
    public static final String LATE = JobOptions.sideTopic(JobOptions.DEFAULT_KEYSPACE, JobOptions.LATE_WORDS);
    public static final String WEATHER_LATE = JobOptions.sideTopic(JobOptions.DEFAULT_KEYSPACE, JobOptions.LATE_WEATHER);
    public static final String DEAD_LETTERS = JobOptions.sideTopic(JobOptions.DEFAULT_KEYSPACE, JobOptions.DEAD_LETTERS);

    /** Every topic the job reads or writes with its defaults, as {@code bin/kappa topics create} makes them. */
    public static final List<String> ALL = List.of(WORDS, LATE, WEATHER, WEATHER_LATE, DEAD_LETTERS);
    /** The inputs among {@link #ALL}. */
    public static final List<String> INPUTS = List.of(WORDS, WEATHER);

    /** True for a name the job gives a side topic ({@code <keyspace>-words-late}, …, {@link JobOptions#sideTopic}). */
    public static boolean isSideTopic(String name) {
        return name.endsWith("-" + JobOptions.LATE_WORDS) || name.endsWith("-" + JobOptions.LATE_WEATHER)
                || name.endsWith("-" + JobOptions.DEAD_LETTERS);
    }

    private JobTopics() {}
}
