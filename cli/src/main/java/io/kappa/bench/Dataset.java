package io.kappa.bench;

import io.kappa.client.kafka.Offsets;
import io.kappa.client.kafka.Produce;
import io.kappa.client.kafka.RecordSender;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.kafka.Topics;
import io.kappa.client.generate.WeatherSimulator;
import io.kappa.kafka.KafkaReplication;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The bench's topics and what they hold: generated text and simulated weather, produced once per shape (its
 * parameters are in the topic names) and reused by later runs; an empty words topic for the weather replay; and the
 * side topics every run writes to. A reused topic is checked against what the generators make ({@link Fingerprint}).
 */
public record Dataset(String words, String weather, String empty, long lines, long totalWords, long readings,
                      TextGenerator.Spec spec) {
    static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    /** The windows of the replays (the job's default) and of the counts they are checked against. */
    static final long WINDOW_MILLIS = 60_000;
    static final String EMPTY = "bench-empty";
    static final String LATE = "bench-late";
    static final String WEATHER_LATE = "bench-weather-late";
    static final String DEAD = "bench-dead";

    /** The dataset's shape: what {@code bin/kappa bench}'s options ask for. */
    public record Shape(long lines, int vocabulary, int partitions, int weatherRounds) {}

    /**
     * Creates the topics and produces what they do not hold yet. A topic that holds records must hold exactly the
     * records the generators make (their number and {@link Fingerprint}), else the bench stops with one line.
     *
     * @param fresh delete the dataset topics first, so that they are produced again
     */
    public static Dataset prepare(BenchTarget target, Shape shape, boolean fresh) {
        long lines = shape.lines();
        TextGenerator.Spec spec = new TextGenerator.Spec(lines, shape.vocabulary(), 5, 10, 1.0, START,
                Duration.ofHours(2), 0, Duration.ZERO, 0, Duration.ZERO, 42);
        String words = "bench-words-" + lines + "-" + shape.vocabulary() + "-p" + shape.partitions();
        // "f400": the featured 400 cities; a topic made from the former bundled 400 (named without it) is not reused
        String weather = "bench-weather-f400-" + shape.weatherRounds() + "-p" + shape.partitions();
        if (fresh) {
            Topics.delete(target.kafka(), List.of(words, weather));
        }
        Topics.create(target.kafka(), List.of(words, weather, EMPTY, LATE, WEATHER_LATE, DEAD), shape.partitions(),
                KafkaReplication.AUTOMATIC);
        Offsets offsets = new Offsets(target.kafka());
        Produce.TextSummary text = produceOrCheck(target, offsets, words, "words", lines, "lines",
                out -> Produce.generateInto(spec, out));
        target.out().printf("  %,d words%n", text.words());
        WeatherSimulator.Spec weatherSpec = new WeatherSimulator.Spec(io.kappa.client.generate.Cities.featured(),
                START, Duration.ofMinutes(shape.weatherRounds()), Duration.ofMinutes(1), 42, 0, 0, 0);
        long readings = new WeatherSimulator(weatherSpec).readings();
        produceOrCheck(target, offsets, weather, "weather", readings, "readings",
                out -> Produce.simulateInto(weatherSpec, out));
        return new Dataset(words, weather, EMPTY, lines, text.words(), readings, spec);
    }

    /**
     * Produces a dataset into its topic when the topic is empty; else checks that it holds what {@code generator}
     * makes (as many records, the same fingerprint). Either way returns the generator's summary.
     */
    private static <S> S produceOrCheck(BenchTarget target, Offsets offsets, String topic, String what, long records,
                                        String unit, Function<Produce.Records, S> generator) {
        long held = offsets.records(topic);
        String delete = ": delete it (run again with --fresh-dataset)";
        if (held == 0) {
            target.out().printf("producing the %s dataset: %,d %s into %s (once; later runs reuse it)%n", what,
                    records, unit, topic);
            long t = System.nanoTime();
            S summary;
            try (RecordSender sender = new RecordSender(target.kafka(), topic, records, target.progress())) {
                summary = generator.apply(sender);
            }
            target.out().printf("  produced in %.1f s%n", (System.nanoTime() - t) / 1e9);
            return summary;
        }
        require(held == records, "topic " + topic + " holds " + held + " records, not " + records + delete);
        Fingerprint expected = new Fingerprint();
        S summary = generator.apply(expected);
        Fingerprint found = Fingerprint.ofTopic(target.kafka(), topic);
        require(found.matches(expected), "topic " + topic + " does not hold the " + what + " dataset the bench generates"
                + " (fingerprint " + found + ", expected " + expected + ")" + delete);
        target.out().printf("%s dataset: %,d %s in %s (reused, fingerprint checked)%n", what, records, unit, topic);
        return summary;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
