package io.kappa.bench;

import io.kappa.client.Offsets;
import io.kappa.client.Produce;
import io.kappa.client.TextGenerator;
import io.kappa.client.Topics;
import io.kappa.client.WeatherSimulator;
import io.kappa.kafka.KafkaReplication;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The bench's topics and what they hold: generated text and simulated weather, produced once per shape (its
 * parameters are in the topic names) and reused by later runs; an empty words topic for the weather replay; and the
 * side topics every run writes to.
 */
public record Dataset(String words, String weather, String empty, long lines, long totalWords, long readings,
                      TextGenerator.Spec spec) {
    static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final String EMPTY = "bench-empty";
    static final String LATE = "bench-late";
    static final String WEATHER_LATE = "bench-weather-late";
    static final String DEAD = "bench-dead";

    /** The dataset's shape: what {@code bin/kappa bench}'s options ask for. */
    public record Shape(long lines, int vocabulary, int partitions, int weatherRounds) {}

    /** Creates the topics and produces what they do not hold yet. */
    public static Dataset prepare(BenchTarget target, Shape shape) {
        long lines = shape.lines();
        TextGenerator.Spec spec = new TextGenerator.Spec(lines, shape.vocabulary(), 5, 10, 1.0, START,
                Duration.ofHours(2), 0, Duration.ZERO, 0, Duration.ZERO, 42);
        String words = "bench-words-" + lines + "-" + shape.vocabulary() + "-p" + shape.partitions();
        // "f400": the featured 400 cities; a topic made from the former bundled 400 (named without it) is not reused
        String weather = "bench-weather-f400-" + shape.weatherRounds() + "-p" + shape.partitions();
        Topics.create(target.kafka(), List.of(words, weather, EMPTY, LATE, WEATHER_LATE, DEAD), shape.partitions(),
                KafkaReplication.AUTOMATIC);
        long totalWords = 0;
        TextGenerator gen = new TextGenerator(spec);
        while (gen.hasNext()) {
            totalWords += gen.next().words();
        }
        Offsets offsets = new Offsets(target.kafka());
        long inWords = offsets.records(words);
        if (inWords != lines) {
            require(inWords == 0, "topic " + words + " holds " + inWords + " records, not " + lines
                    + ": delete it (or use other --lines) and run again");
            target.out().printf("producing the words dataset: %,d lines into %s (once; later runs reuse it)%n", lines,
                    words);
            long t = System.nanoTime();
            new Produce(target.kafka(), words, target.progress()).generate(spec);
            target.out().printf("  produced in %.1f s%n", (System.nanoTime() - t) / 1e9);
        } else {
            target.out().printf("words dataset: %,d lines, %,d words in %s (reused)%n", lines, totalWords, words);
        }
        WeatherSimulator.Spec weatherSpec = new WeatherSimulator.Spec(io.kappa.client.Cities.featured(),
                START, Duration.ofMinutes(shape.weatherRounds()), Duration.ofMinutes(1), 42, 0, 0, 0);
        long readings = new WeatherSimulator(weatherSpec).readings();
        long inWeather = offsets.records(weather);
        if (inWeather != readings) {
            require(inWeather == 0, "topic " + weather + " holds " + inWeather + " records, not "
                    + readings + ": delete it and run again");
            target.out().printf("producing the weather dataset: %,d readings into %s%n", readings, weather);
            new Produce(target.kafka(), weather, target.progress()).simulate(weatherSpec);
        } else {
            target.out().printf("weather dataset: %,d readings in %s (reused)%n", readings, weather);
        }
        return new Dataset(words, weather, EMPTY, lines, totalWords, readings, spec);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
