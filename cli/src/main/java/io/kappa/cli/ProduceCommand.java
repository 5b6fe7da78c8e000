package io.kappa.cli;

import io.kappa.client.kafka.JobTopics;
import io.kappa.client.generate.OpenWeatherClient;
import io.kappa.client.kafka.Produce;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.generate.WeatherSimulator;
import io.kappa.job.JobOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "produce", mixinStandardHelpOptions = true, description = "Produce records into Kafka (like put.py).",
        subcommands = {ProduceCommand.Words.class, ProduceCommand.Weather.class})
public class ProduceCommand {

    @Command(name = "words", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Produce text lines: from a file, from stdin (the default), or generated.",
                "Each line is one record; the record timestamp is its event time."})
    public static class Words implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Connections connections = new Connections();

        @Option(names = "--topic", defaultValue = JobTopics.WORDS, description = "(default: ${DEFAULT-VALUE})")
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
            if (generate != null) {
                TextGenerator.check(generate.spec());
            }
            Produce produce = new Produce(connections.kafka(), topic, quiet ? null : spec.commandLine().getErr());
            PrintWriter out = spec.commandLine().getOut();
            if (generate != null) {
                Produce.TextSummary s = generate.rate != null
                        ? produce.stream(generate.spec(), generate.rate)
                        : produce.generate(generate.spec());
                out.println("  produced " + s.lines() + " lines, " + s.words() + " words (" + s.tooLate()
                        + " lines too late) to " + topic);
                return 0;
            }
            long n;
            try (BufferedReader in = file != null ? io.kappa.client.UserFiles.reader(file, "--file")
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                n = produce.lines(in, key);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalArgumentException((file != null ? "--file " + file : "stdin")
                        + ": not UTF-8 text (each line is sent as UTF-8)");
            }
            out.println("  produced " + n + " lines to " + topic);
            return 0;
        }
    }

    @Command(name = "weather", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Produce OpenWeather current-weather documents keyed by city id.",
                "Offline by default: a simulator over 400 featured bundled cities (the 3 largest of every country, then the"
                + " largest). With --openweather: the real API."})
    public static class Weather implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Connections connections = new Connections();

        @Option(names = "--topic", defaultValue = JobTopics.WEATHER, description = "(default: ${DEFAULT-VALUE})")
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

        @Option(names = "--api-key-file", paramLabel = "<file>", description = "a file holding the OpenWeather API key "
                + "(default: the environment variable OPENWEATHER_API_KEY). Never on the command line, where process "
                + "lists and shell history show it")
        Path apiKeyFile;

        @Option(names = "--base-url", defaultValue = OpenWeatherClient.DEFAULT_BASE_URL, description = "(default: ${DEFAULT-VALUE})")
        String baseUrl;

        @Option(names = "--rounds", defaultValue = "1",
                description = "with --openweather: fetch every city this many times, --interval apart; 0 = until stopped")
        long rounds;

        @Option(names = "--quiet", description = "no progress line")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            List<io.kappa.weather.City> chosen =
                    io.kappa.client.generate.Cities.choose(io.kappa.weather.CityDirectory.bundled(), cityIds, cities);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Produce produce = new Produce(connections.kafka(), topic, quiet ? null : err);
            if (openWeather) {
                String key = apiKeyFile != null ? io.kappa.client.UserFiles.readSecret(apiKeyFile, "--api-key-file")
                        : System.getenv("OPENWEATHER_API_KEY");
                long n = produce.fetch(new OpenWeatherClient(baseUrl, key, Duration.ofSeconds(10)), chosen, rounds,
                        interval, round -> err.println("  round " + round + ": " + chosen.size() + " cities fetched"));
                out.println("  produced " + n + " OpenWeather readings to " + topic);
                return 0;
            }
            long startMillis = start != null ? start.toEpochMilli() : System.currentTimeMillis() - span.toMillis();
            WeatherSimulator.Spec simulation = new WeatherSimulator.Spec(chosen, startMillis, span, interval, seed,
                    malformed, duplicates, outOfOrder);
            Produce.WeatherSummary s = produce.simulate(simulation);
            out.println("  produced " + s.records() + " records to " + topic + ": " + s.valid() + " readings of "
                    + chosen.size() + " cities, " + s.malformed() + " malformed");
            return 0;
        }
    }
}
