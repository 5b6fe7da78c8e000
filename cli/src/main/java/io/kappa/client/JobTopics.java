package io.kappa.client;

import java.util.List;

/**
 * The job's default topics, one constant each: the defaults of its {@code --words-topic}, {@code --late-topic},
 * {@code --weather-topic}, {@code --weather-late-topic} and {@code --dead-letter-topic} (a test keeps them equal).
 */
public final class JobTopics {
    public static final String WORDS = "words";
    public static final String LATE = "words-late";
    public static final String WEATHER = "weather";
    public static final String WEATHER_LATE = "weather-late";
    public static final String DEAD_LETTERS = "dead-letters";

    /** Every topic the job reads or writes, as {@code bin/kappa topics create} makes them. */
    public static final List<String> ALL = List.of(WORDS, LATE, WEATHER, WEATHER_LATE, DEAD_LETTERS);

    private JobTopics() {}
}
