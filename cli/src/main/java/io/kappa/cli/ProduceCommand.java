package io.kappa.cli;

import io.kappa.client.Producers;
import io.kappa.client.RecordSender;
import io.kappa.job.JobOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "produce", mixinStandardHelpOptions = true, description = "Produce records into Kafka (like put.py).",
        subcommands = {ProduceCommand.Words.class, ProduceCommand.Weather.class})
public class ProduceCommand {

    @Command(name = "words", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Produce text lines: from a file, from stdin (the default), or generated.",
                "Each line is one record; the record timestamp is its event time."})
    public static class Words implements Callable<Integer> {
        @Mixin
        Connections connections = new Connections();

        @Option(names = "--topic", defaultValue = "words", description = "(default: ${DEFAULT-VALUE})")
        String topic;

        @Option(names = "--key", description = "key of every line from a file or stdin (default: no key)")
        String key;

        @Option(names = "--file", description = "read lines from this file")
        Path file;

        @ArgGroup(exclusive = false, heading = "%nGenerator (--generate N)%n")
        Generate generate;

        @Option(names = "--quiet", description = "no progress line")
        boolean quiet;

        static class Generate {
            @Option(names = "--generate", required = true, paramLabel = "N", description = "generate N lines")
            long lines;
            @Option(names = "--vocabulary", defaultValue = "10000", description = "distinct words (default: ${DEFAULT-VALUE})")
            int vocabulary;
            @Option(names = "--min-words", defaultValue = "5", description = "(default: ${DEFAULT-VALUE})")
            int minWords;
            @Option(names = "--max-words", defaultValue = "10", description = "(default: ${DEFAULT-VALUE})")
            int maxWords;
            @Option(names = "--zipf", defaultValue = "1.0", description = "Zipf exponent of word frequencies (default: ${DEFAULT-VALUE})")
            double zipf;
            @Option(names = "--span", defaultValue = "2h", converter = JobOptions.DurationConverter.class,
                    description = "event time covered by the lines (default: ${DEFAULT-VALUE})")
            Duration span;
            @Option(names = "--start", description = "event time of the first line, ISO-8601 (default: now minus --span)")
            Instant start;
            @Option(names = "--out-of-order", defaultValue = "0", description = "fraction of lines moved back in time "
                    + "by less than --out-of-order-by (default: ${DEFAULT-VALUE})")
            double outOfOrder;
            @Option(names = "--out-of-order-by", defaultValue = "4s", converter = JobOptions.DurationConverter.class,
                    description = "(default: ${DEFAULT-VALUE})")
            Duration outOfOrderBy;
            @Option(names = "--too-late", defaultValue = "0", description = "fraction of lines moved back by "
                    + "--too-late-by, beyond window + allowed lateness (default: ${DEFAULT-VALUE})")
            double tooLate;
            @Option(names = "--too-late-by", defaultValue = "10m", converter = JobOptions.DurationConverter.class,
                    description = "(default: ${DEFAULT-VALUE})")
            Duration tooLateBy;
            @Option(names = "--seed", defaultValue = "42", description = "(default: ${DEFAULT-VALUE})")
            long seed;
            @Option(names = "--rate", paramLabel = "LINES_PER_S", description = "send in real time at this rate, each "
                    + "line stamped with the time it is sent (moved back for --out-of-order/--too-late); --span and "
                    + "--start are then ignored. Default: as fast as possible, timestamps over --span")
            Double rate;

            TextGenerator.Spec spec() {
                long startMillis = start != null ? start.toEpochMilli() : System.currentTimeMillis() - span.toMillis();
                return new TextGenerator.Spec(lines, vocabulary, minWords, maxWords, zipf, startMillis, span,
                        outOfOrder, outOfOrderBy, tooLate, tooLateBy, seed);
            }
        }

        @Override
        public Integer call() throws Exception {
            if (generate != null && file != null) {
                throw new IllegalArgumentException("--generate and --file exclude each other");
            }
            if (generate != null && generate.rate != null && !(generate.rate > 0)) {
                throw new IllegalArgumentException("--rate must be greater than zero, was " + generate.rate);
            }
            if (generate != null) {
                Summary s = generate.rate != null
                        ? stream(connections, topic, generate.spec(), generate.rate, !quiet)
                        : generate(connections, topic, generate.spec(), !quiet);
                System.out.println("  produced " + s.lines() + " lines, " + s.words() + " words (" + s.tooLate()
                        + " lines too late) to " + topic);
                return 0;
            }
            long n;
            try (BufferedReader in = file != null ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                n = produceLines(connections, topic, key, in, !quiet);
            }
            System.out.println("  produced " + n + " lines to " + topic);
            return 0;
        }
    }

    @Command(name = "weather", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Produce OpenWeather current-weather documents keyed by city id.",
                "Offline by default: a simulator over 400 featured bundled cities (the 3 largest of every country, then the"
                + " largest). With --openweather: the real API."})
    public static class Weather implements Callable<Integer> {
        /** The simulator's cities: {@code CityDirectory.featured(400)}, the sample the bundled list used to be. */
        public static final int FEATURED_CITIES = 400;

        @Mixin
        Connections connections = new Connections();

        @Option(names = "--topic", defaultValue = "weather", description = "(default: ${DEFAULT-VALUE})")
        String topic;

        @Option(names = "--cities", defaultValue = "0",
                description = "the first N of the 400 featured cities, by id (default: all 400)")
        int cities;

        @Option(names = "--city-ids", split = ",", description = "these city ids only (both modes)")
        List<Long> cityIds;

        @Option(names = "--span", defaultValue = "24h", converter = JobOptions.DurationConverter.class,
                description = "simulated time covered (default: ${DEFAULT-VALUE})")
        Duration span;

        @Option(names = "--start", description = "first reading's time, ISO-8601 (default: now minus --span)")
        Instant start;

        @Option(names = "--interval", defaultValue = "10m", converter = JobOptions.DurationConverter.class,
                description = "between two readings of a city (default: ${DEFAULT-VALUE})")
        Duration interval;

        @Option(names = "--seed", defaultValue = "42", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--malformed", defaultValue = "0", description = "fraction of extra malformed records (default: ${DEFAULT-VALUE})")
        double malformed;

        @Option(names = "--duplicates", defaultValue = "0", description = "fraction of readings sent twice (default: ${DEFAULT-VALUE})")
        double duplicates;

        @Option(names = "--out-of-order", defaultValue = "0",
                description = "fraction of readings delivered after the next round (default: ${DEFAULT-VALUE})")
        double outOfOrder;

        @Option(names = "--openweather", description = "fetch from the real OpenWeather API instead (needs a key and a network)")
        boolean openWeather;

        @Option(names = "--api-key", description = "OpenWeather API key (default: $OPENWEATHER_API_KEY); never printed")
        String apiKey;

        @Option(names = "--base-url", defaultValue = OpenWeatherClient.DEFAULT_BASE_URL, description = "(default: ${DEFAULT-VALUE})")
        String baseUrl;

        @Option(names = "--rounds", defaultValue = "1",
                description = "with --openweather: fetch every city this many times, --interval apart; 0 = until stopped")
        long rounds;

        @Option(names = "--quiet", description = "no progress line")
        boolean quiet;

        /** The cities of --city-ids, else the first {@code n} (all if 0) of the featured 400, by id. */
        static List<io.kappa.weather.City> chooseCities(io.kappa.weather.CityDirectory directory, List<Long> cityIds,
                                                        int n) {
            List<io.kappa.weather.City> chosen = new java.util.ArrayList<>();
            if (cityIds != null && !cityIds.isEmpty()) {
                for (long id : cityIds) {
                    chosen.add(directory.find(id).orElseThrow(() -> new IllegalArgumentException(
                            "--city-ids: " + id + " is not a bundled city (the bundled list has every GeoNames city"
                            + " of at least 15,000 inhabitants: docs/weather.md)")));
                }
            } else {
                List<io.kappa.weather.City> featured = directory.featured(FEATURED_CITIES); // sorted by id
                chosen.addAll(n > 0 && n < featured.size() ? featured.subList(0, n) : featured);
            }
            return chosen;
        }

        @Override
        public Integer call() throws Exception {
            List<io.kappa.weather.City> chosen = chooseCities(io.kappa.weather.CityDirectory.bundled(), cityIds, cities);
            if (openWeather) {
                String key = apiKey != null ? apiKey : System.getenv("OPENWEATHER_API_KEY");
                long n = fetch(connections, topic, new OpenWeatherClient(baseUrl, key, Duration.ofSeconds(10)), chosen,
                        rounds, interval);
                System.out.println("  produced " + n + " OpenWeather readings to " + topic);
                return 0;
            }
            long startMillis = start != null ? start.toEpochMilli() : System.currentTimeMillis() - span.toMillis();
            WeatherSimulator.Spec spec = new WeatherSimulator.Spec(chosen, startMillis, span, interval, seed, malformed,
                    duplicates, outOfOrder);
            WeatherSummary s = simulate(connections, topic, spec, !quiet);
            System.out.println("  produced " + s.records() + " records to " + topic + ": " + s.valid() + " readings of "
                    + chosen.size() + " cities, " + s.malformed() + " malformed");
            return 0;
        }
    }

    /** What a weather simulation produced. */
    public record WeatherSummary(long records, long valid, long malformed, long maxDt) {}

    public static WeatherSummary simulate(Connections c, String topic, WeatherSimulator.Spec spec, boolean progress) {
        WeatherSimulator sim = new WeatherSimulator(spec);
        long records = 0;
        long valid = 0;
        long maxDt = Long.MIN_VALUE;
        try (RecordSender sender = new RecordSender(c.kafka(), topic, -1, progress)) {
            while (sim.hasNext()) {
                WeatherSimulator.Doc d = sim.next();
                records++;
                valid += d.valid() ? 1 : 0;
                maxDt = Math.max(maxDt, d.dt());
                sender.send(Long.toString(d.cityId()).getBytes(StandardCharsets.UTF_8),
                        d.json().getBytes(StandardCharsets.UTF_8), d.dt() * 1000);
            }
        }
        return new WeatherSummary(records, valid, records - valid, maxDt);
    }

    /** Fetches every city each round and produces the documents as the API sent them. */
    static long fetch(Connections c, String topic, OpenWeatherClient client, List<io.kappa.weather.City> cities, long rounds,
                      Duration interval) throws Exception {
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer = Producers.bytes(c.kafka())) {
            for (long round = 0; rounds == 0 || round < rounds; round++) {
                if (round > 0) {
                    Thread.sleep(interval.toMillis()); // the polling interval itself, not a synchronisation
                }
                for (io.kappa.weather.City city : cities) {
                    String doc = client.current(city.id());
                    producer.send(new ProducerRecord<>(topic, Long.toString(city.id()).getBytes(StandardCharsets.UTF_8),
                            doc.getBytes(StandardCharsets.UTF_8))).get();
                    n++;
                }
                System.err.println("  round " + (round + 1) + ": " + cities.size() + " cities fetched");
            }
        }
        return n;
    }

    /** What a generator run produced. */
    public record Summary(long lines, long words, long tooLate, long maxTimestamp) {}

    public static Summary generate(Connections c, String topic, TextGenerator.Spec spec, boolean progress) {
        TextGenerator gen = new TextGenerator(spec);
        long words = 0;
        long tooLate = 0;
        long maxTs = Long.MIN_VALUE;
        try (RecordSender sender = new RecordSender(c.kafka(), topic, spec.lines(), progress)) {
            while (gen.hasNext()) {
                TextGenerator.Line line = gen.next();
                words += line.words();
                tooLate += line.tooLate() ? 1 : 0;
                maxTs = Math.max(maxTs, line.timestamp());
                sender.send(("line-" + line.index()).getBytes(StandardCharsets.UTF_8),
                        line.text().getBytes(StandardCharsets.UTF_8), line.timestamp());
            }
        }
        return new Summary(spec.lines(), words, tooLate, maxTs);
    }

    /**
     * Sends the spec's lines at {@code linesPerSecond} in real time, like a live feed: each is stamped with the
     * time it is sent, moved back by as much as the spec moves it (out of order, too late).
     */
    public static Summary stream(Connections c, String topic, TextGenerator.Spec spec, double linesPerSecond,
                                 boolean progress) {
        TextGenerator gen = new TextGenerator(spec);
        long words = 0;
        long tooLate = 0;
        long maxTs = Long.MIN_VALUE;
        long start = System.nanoTime();
        try (RecordSender sender = new RecordSender(c.kafka(), topic, spec.lines(), progress)) {
            while (gen.hasNext()) {
                TextGenerator.Line line = gen.next();
                long wait = start + (long) (line.index() * 1e9 / linesPerSecond) - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing, not synchronisation
                }
                long ts = System.currentTimeMillis() + line.timestamp() - gen.nominalTimestamp(line.index());
                words += line.words();
                tooLate += line.tooLate() ? 1 : 0;
                maxTs = Math.max(maxTs, ts);
                sender.send(("line-" + line.index()).getBytes(StandardCharsets.UTF_8),
                        line.text().getBytes(StandardCharsets.UTF_8), ts);
            }
        }
        return new Summary(spec.lines(), words, tooLate, maxTs);
    }

    static long produceLines(Connections c, String topic, String key, BufferedReader in, boolean progress)
            throws java.io.IOException {
        long n = 0;
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        try (RecordSender sender = new RecordSender(c.kafka(), topic, -1, progress)) {
            String line;
            while ((line = in.readLine()) != null) {
                sender.send(keyBytes, line.getBytes(StandardCharsets.UTF_8), null);
                n++;
            }
        }
        return n;
    }
}
