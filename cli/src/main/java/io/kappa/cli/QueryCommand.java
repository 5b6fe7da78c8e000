package io.kappa.cli;

import io.kappa.client.generate.Cities;
import io.kappa.client.versions.Serving;
import io.kappa.client.cassandra.WeatherReadings;
import io.kappa.client.cassandra.WordCounts;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "query", mixinStandardHelpOptions = true, description = "Read results from Cassandra.",
        subcommands = {QueryCommand.Top.class, QueryCommand.Word.class, QueryCommand.Windows.class,
            QueryCommand.Latest.class, QueryCommand.City.class, QueryCommand.CityWindows.class})
public class QueryCommand {

    static class Common {
        @Spec(Spec.Target.MIXEE)
        CommandSpec command;
        @Mixin
        Connections connections = new Connections();
        @Option(names = "--keyspace",
                description = "output version to read (default: the promoted one, see bin/kappa promote; else kappa)")
        String keyspace;

        String keyspace() {
            if (keyspace == null) {
                keyspace = Serving.served(connections.cassandra().keyspace(Serving.FALLBACK));
            }
            return keyspace;
        }

        WordCounts open() {
            return new WordCounts(connections.cassandra().keyspace(keyspace()));
        }

        WeatherReadings openWeather() {
            return new WeatherReadings(connections.cassandra().keyspace(keyspace()));
        }

        PrintWriter out() {
            return command.commandLine().getOut();
        }
    }

    private static String time(Long epochMillis) {
        return epochMillis == null ? "" : Instant.ofEpochMilli(epochMillis).toString();
    }

    /** A cell as the driver's getters give it: 0 where it is null. */
    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

    private static long orZero(Long l) {
        return l == null ? 0 : l;
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    @Command(name = "latest", mixinStandardHelpOptions = true,
            description = "The latest reading of every city (the course's weather(city, country, windspeed) table).")
    static class Latest implements Callable<Integer> {
        @Mixin
        Common common = new Common();
        @Option(names = "--country", description = "only this ISO country code, e.g. GB")
        String country;

        @Override
        public Integer call() {
            PrintWriter out = common.out();
            try (WeatherReadings w = common.openWeather()) {
                out.printf("  %-22s %-3s %7s %7s %7s %-16s %-4s %-8s %s%n", "city", "cc", "°C", "feels",
                        "km/h", "Beaufort", "dir", "sky", "local time");
                int n = 0;
                for (WeatherReadings.LatestRow r : w.latest()) {
                    if (country != null && !country.equalsIgnoreCase(r.country())) {
                        continue;
                    }
                    n++;
                    out.printf("  %-22s %-3s %7.1f %7.1f %7.1f %-16s %-4s %-8s %s%n", r.city(), r.country(),
                            orZero(r.tempC()), orZero(r.feelsLikeC()), orZero(r.windKmh()), r.beaufortName(),
                            r.compass(), r.condition(), r.localTime());
                }
                out.println("  " + n + " cities");
            }
            return 0;
        }
    }

    @Command(name = "city", mixinStandardHelpOptions = true, description = "One city's recent readings, newest first.")
    static class City implements Callable<Integer> {
        @Mixin
        Common common = new Common();
        @Parameters(paramLabel = "CITY", description = "city id or bundled city name")
        String city;
        @Option(names = "--last", defaultValue = "12", description = "(default: ${DEFAULT-VALUE})")
        int last;

        @Override
        public Integer call() {
            try (WeatherReadings w = common.openWeather()) {
                for (WeatherReadings.ObservationRow r : w.observations(Cities.cityId(city), last)) {
                    common.out().printf("  %s  %s  %6.1f °C (feels %.1f)  %5.1f km/h %-3s %-15s %3d %%  %s%n",
                            time(r.observedAt()), r.localTime(), orZero(r.tempC()), orZero(r.feelsLikeC()),
                            orZero(r.windKmh()), r.compass(), r.beaufortName(), orZero(r.humidity()), r.description());
                }
            }
            return 0;
        }
    }

    @Command(name = "city-windows", mixinStandardHelpOptions = true, description = "One city's window summaries, newest first.")
    static class CityWindows implements Callable<Integer> {
        @Mixin
        Common common = new Common();
        @Parameters(paramLabel = "CITY", description = "city id or bundled city name")
        String city;
        @Option(names = "--last", defaultValue = "24", description = "(default: ${DEFAULT-VALUE})")
        int last;

        @Override
        public Integer call() {
            try (WeatherReadings w = common.openWeather()) {
                for (WeatherReadings.WindowRow r : w.windows(Cities.cityId(city), last)) {
                    common.out().printf("  %s  n=%-3d min %6.1f  max %6.1f  avg %6.2f °C  max wind %5.1f km/h  %s%n",
                            time(r.windowStart()), orZero(r.readings()), orZero(r.minTempC()), orZero(r.maxTempC()),
                            orZero(r.avgTempC()), orZero(r.maxWindKmh()), r.topCondition());
                }
            }
            return 0;
        }
    }

    @Command(name = "top", mixinStandardHelpOptions = true, description = "The top N words of a window.")
    static class Top implements Callable<Integer> {
        @Mixin
        Common common = new Common();
        @Option(names = "--window", defaultValue = "latest",
                description = "window start (ISO-8601, e.g. 2026-11-22T10:00:00Z), or latest (default)")
        String window;
        @Option(names = "-n", defaultValue = "10", description = "how many words (default: ${DEFAULT-VALUE})")
        int n;

        @Override
        public Integer call() {
            try (WordCounts results = common.open()) {
                long start;
                if ("latest".equals(window)) {
                    List<Long> windows = results.windows();
                    if (windows.isEmpty()) {
                        common.out().println("  no windows in " + common.keyspace() + " yet");
                        return 0;
                    }
                    start = windows.get(windows.size() - 1);
                } else {
                    try {
                        start = Instant.parse(window).toEpochMilli();
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new IllegalArgumentException("--window must be 'latest' or an ISO-8601 instant, was '"
                                + window + "'");
                    }
                }
                print(common.out(), results.top(start, n), start);
            }
            return 0;
        }

        static void print(PrintWriter out, List<WordCounts.Count> top, long start) {
            out.println("  window " + Instant.ofEpochMilli(start) + (top.isEmpty() ? "" : " .. "
                    + Instant.ofEpochMilli(top.get(0).windowEnd())));
            int rank = 1;
            for (WordCounts.Count c : top) {
                out.printf("  %3d. %-24s %,d%n", rank++, c.word(), c.count());
            }
        }
    }

    @Command(name = "word", mixinStandardHelpOptions = true, description = "One word's counts over time, newest first.")
    static class Word implements Callable<Integer> {
        @Mixin
        Common common = new Common();
        @Parameters(paramLabel = "WORD")
        String word;
        @Option(names = "--last", defaultValue = "20", description = "the newest windows to look in (default: ${DEFAULT-VALUE})")
        int last;

        @Override
        public Integer call() {
            try (WordCounts results = common.open()) {
                String normalised = String.join(" ", io.kappa.words.TextNormaliser.words(word));
                List<WordCounts.Count> counts = results.word(normalised, last);
                if (counts.isEmpty()) {
                    common.out().println("  '" + normalised + "' has no counts in " + common.keyspace());
                }
                for (WordCounts.Count c : counts) {
                    common.out().printf("  %s .. %s  %,d%n", Instant.ofEpochMilli(c.windowStart()),
                            Instant.ofEpochMilli(c.windowEnd()), c.count());
                }
            }
            return 0;
        }
    }

    @Command(name = "windows", mixinStandardHelpOptions = true, description = "The windows that have counts.")
    static class Windows implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Override
        public Integer call() {
            try (WordCounts results = common.open()) {
                List<Long> windows = results.windows();
                windows.forEach(w -> common.out().println("  " + Instant.ofEpochMilli(w)));
                common.out().println("  " + windows.size() + " windows in " + common.keyspace());
            }
            return 0;
        }
    }
}
