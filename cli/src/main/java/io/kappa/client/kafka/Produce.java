package io.kappa.client.kafka;

import io.kappa.client.generate.OpenWeatherClient;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.generate.WeatherSimulator;

import io.kappa.kafka.KafkaSettings;
import io.kappa.weather.City;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Producing into one Kafka topic: generated text ({@link TextGenerator}) as fast as possible or in real time, lines
 * from a reader, simulated weather ({@link WeatherSimulator}) or the real OpenWeather API. Each returns what it
 * produced. {@code bin/kappa produce}, the demo, the bench and the tests all produce through here.
 */
public final class Produce {
    private final KafkaSettings kafka;
    private final String topic;
    private final PrintWriter progress;

    /** What a text generator run produced. */
    public record TextSummary(long lines, long words, long tooLate, long maxTimestamp) {}

    /** What a weather simulation produced. */
    public record WeatherSummary(long records, long valid, long malformed, long maxDt) {}

    /** Where the records of a generator go: a topic ({@link RecordSender}), or what checks a topic (the bench). */
    public interface Records {
        /** @param timestamp the record timestamp, or null for the producer's clock */
        void send(byte[] key, byte[] value, Long timestamp);
    }

    /** @param progress where the progress line goes (bin/kappa: stderr), or null for none */
    public Produce(KafkaSettings kafka, String topic, PrintWriter progress) {
        this.kafka = kafka;
        this.topic = topic;
        this.progress = progress;
    }

    /** Without a progress line. */
    public static Produce quietly(KafkaSettings kafka, String topic) {
        return new Produce(kafka, topic, null);
    }

    private RecordSender sender(long total) {
        return new RecordSender(kafka, topic, total, progress);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The spec's lines as fast as possible, each with its generated timestamp. */
    public TextSummary generate(TextGenerator.Spec spec) {
        try (RecordSender sender = sender(spec.lines())) {
            return generateInto(spec, sender);
        }
    }

    /** The records {@link #generate} produces, handed to {@code out}. */
    public static TextSummary generateInto(TextGenerator.Spec spec, Records out) {
        return text(spec, (gen, line) -> line.timestamp(), out);
    }

    /**
     * The spec's lines at {@code linesPerSecond} in real time, like a live feed: each is stamped with the time it is
     * sent, moved back by as much as the spec moves it (out of order, too late).
     */
    public TextSummary stream(TextGenerator.Spec spec, double linesPerSecond) {
        try (RecordSender sender = sender(spec.lines())) {
            long start = System.nanoTime();
            return text(spec, (gen, line) -> {
                long wait = start + (long) (line.index() * 1e9 / linesPerSecond) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing, not synchronisation
                }
                return System.currentTimeMillis() + line.timestamp() - gen.nominalTimestamp(line.index());
            }, sender);
        }
    }

    /** When a generated line is stamped. */
    private interface Stamp {
        long of(TextGenerator gen, TextGenerator.Line line);
    }

    private static TextSummary text(TextGenerator.Spec spec, Stamp stamp, Records out) {
        TextGenerator gen = new TextGenerator(spec);
        long words = 0;
        long tooLate = 0;
        long maxTs = Long.MIN_VALUE;
        while (gen.hasNext()) {
            TextGenerator.Line line = gen.next();
            long ts = stamp.of(gen, line);
            words += line.words();
            tooLate += line.tooLate() ? 1 : 0;
            maxTs = Math.max(maxTs, ts);
            out.send(utf8("line-" + line.index()), utf8(line.text()), ts);
        }
        return new TextSummary(spec.lines(), words, tooLate, maxTs);
    }

    /** Every line of the reader as one record with the given key (or none), stamped by the producer; returns how many. */
    public long lines(BufferedReader in, String key) throws IOException {
        long n = 0;
        byte[] keyBytes = key == null ? null : utf8(key);
        try (RecordSender sender = sender(-1)) {
            String line;
            while ((line = in.readLine()) != null) {
                sender.send(keyBytes, utf8(line), null);
                n++;
            }
        }
        return n;
    }

    /** The simulated documents, keyed by city id, each stamped with its {@code dt}. */
    public WeatherSummary simulate(WeatherSimulator.Spec spec) {
        try (RecordSender sender = sender(-1)) {
            return simulateInto(spec, sender);
        }
    }

    /** The records {@link #simulate} produces, handed to {@code out}. */
    public static WeatherSummary simulateInto(WeatherSimulator.Spec spec, Records out) {
        WeatherSimulator sim = new WeatherSimulator(spec);
        long records = 0;
        long valid = 0;
        long maxDt = Long.MIN_VALUE;
        while (sim.hasNext()) {
            WeatherSimulator.Doc d = sim.next();
            records++;
            valid += d.valid() ? 1 : 0;
            maxDt = Math.max(maxDt, d.dt());
            out.send(utf8(Long.toString(d.cityId())), utf8(d.json()), d.dt() * 1000);
        }
        return new WeatherSummary(records, valid, records - valid, maxDt);
    }

    /**
     * Fetches every city each round, {@code interval} apart, and produces the documents as the API sent them.
     *
     * @param rounds    how many rounds, 0 for until interrupted
     * @param roundDone told the number of each round fetched (from 1)
     * @return the documents produced
     */
    public long fetch(OpenWeatherClient client, List<City> cities, long rounds, Duration interval, LongConsumer roundDone)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer = Producers.bytes(kafka)) {
            for (long round = 0; rounds == 0 || round < rounds; round++) {
                if (round > 0) {
                    Thread.sleep(interval.toMillis()); // the polling interval itself, not a synchronisation
                }
                for (City city : cities) {
                    String doc = client.current(city.id());
                    producer.send(new ProducerRecord<>(topic, utf8(Long.toString(city.id())), utf8(doc))).get();
                    n++;
                }
                roundDone.accept(round + 1);
            }
        }
        return n;
    }
}
