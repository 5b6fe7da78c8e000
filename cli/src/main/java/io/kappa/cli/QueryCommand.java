package io.kappa.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true, description = "Read results from Cassandra.",
        subcommands = {QueryCommand.Top.class, QueryCommand.Word.class, QueryCommand.Windows.class,
            QueryCommand.Latest.class, QueryCommand.City.class, QueryCommand.CityWindows.class})
public class QueryCommand {

    static class Common {
        @Mixin
        Connections connections = new Connections();
        @Option(names = "--keyspace",
                description = "output version to read (default: the promoted one, see bin/kappa promote; else kappa)")
        String keyspace;

        String keyspace() {
            if (keyspace == null) {
                keyspace = Serving.resolve(null, connections);
            }
            return keyspace;
        }

        Results open() {
            return new Results(connections.cassandra(keyspace(), 1));
        }

        WeatherResults openWeather() {
            return new WeatherResults(connections.cassandra(keyspace(), 1));
        }
    }

    /** A city id, given as its id or the name of a bundled city (of several of that name, the most populous). */
    public static long cityId(String idOrName) {
        return io.kappa.weather.CityDirectory.bundled().find(idOrName).map(io.kappa.weather.City::id)
                .orElseThrow(() -> new IllegalArgumentException("no bundled city '" + idOrName + "': give its id"));
    }

    private static String time(java.util.Date d) {
        return d == null ? "" : Instant.ofEpochMilli(d.getTime()).toString();
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
            try (WeatherResults w = common.openWeather()) {
                System.out.printf("  %-22s %-3s %7s %7s %7s %-16s %-4s %-8s %s%n", "city", "cc", "°C", "feels",
                        "km/h", "Beaufort", "dir", "sky", "local time");
                int n = 0;
                for (var r : w.latest()) {
                    if (country != null && !country.equalsIgnoreCase(r.getString("country"))) {
                        continue;
                    }
                    n++;
                    System.out.printf("  %-22s %-3s %7.1f %7.1f %7.1f %-16s %-4s %-8s %s%n", r.getString("city"),
                            r.getString("country"), r.getDouble("temp_c"), r.getDouble("feels_like_c"),
                            r.getDouble("wind_kmh"), r.getString("beaufort_name"), r.getString("compass"),
                            r.getString("condition"), r.getString("local_time"));
                }
                System.out.println("  " + n + " cities");
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
            try (WeatherResults w = common.openWeather()) {
                for (var r : w.observations(cityId(city), last)) {
                    System.out.printf("  %s  %s  %6.1f °C (feels %.1f)  %5.1f km/h %-3s %-15s %3d %%  %s%n",
                            time(r.getTimestamp("observed_at")), r.getString("local_time"), r.getDouble("temp_c"),
                            r.getDouble("feels_like_c"), r.getDouble("wind_kmh"), r.getString("compass"),
                            r.getString("beaufort_name"), r.getInt("humidity"), r.getString("description"));
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
            try (WeatherResults w = common.openWeather()) {
                for (var r : w.windows(cityId(city), last)) {
                    System.out.printf("  %s  n=%-3d min %6.1f  max %6.1f  avg %6.2f °C  max wind %5.1f km/h  %s%n",
                            time(r.getTimestamp("window_start")), r.getLong("readings"), r.getDouble("min_temp_c"),
                            r.getDouble("max_temp_c"), r.getDouble("avg_temp_c"), r.getDouble("max_wind_kmh"),
                            r.getString("top_condition"));
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
            try (Results results = common.open()) {
                long start;
                if ("latest".equals(window)) {
                    List<Long> windows = results.windows();
                    if (windows.isEmpty()) {
                        System.out.println("  no windows in " + common.keyspace() + " yet");
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
                print(results.top(start, n), start);
            }
            return 0;
        }

        static void print(List<Results.Count> top, long start) {
            System.out.println("  window " + Instant.ofEpochMilli(start) + (top.isEmpty() ? "" : " .. "
                    + Instant.ofEpochMilli(top.get(0).windowEnd())));
            int rank = 1;
            for (Results.Count c : top) {
                System.out.printf("  %3d. %-24s %,d%n", rank++, c.word(), c.count());
            }
        }
    }

    @Command(name = "word", mixinStandardHelpOptions = true, description = "One word's counts over time, newest first.")
    static class Word implements Callable<Integer> {
        @Mixin
        Common common = new Common();
        @Parameters(paramLabel = "WORD")
        String word;
        @Option(names = "--last", defaultValue = "20", description = "how many windows (default: ${DEFAULT-VALUE})")
        int last;

        @Override
        public Integer call() {
            try (Results results = common.open()) {
                String normalised = String.join(" ", io.kappa.words.TextNormaliser.words(word));
                List<Results.Count> counts = results.word(normalised, last);
                if (counts.isEmpty()) {
                    System.out.println("  '" + normalised + "' has no counts in " + common.keyspace());
                }
                for (Results.Count c : counts) {
                    System.out.printf("  %s .. %s  %,d%n", Instant.ofEpochMilli(c.windowStart()),
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
            try (Results results = common.open()) {
                List<Long> windows = results.windows();
                windows.forEach(w -> System.out.println("  " + Instant.ofEpochMilli(w)));
                System.out.println("  " + windows.size() + " windows in " + common.keyspace());
            }
            return 0;
        }
    }
}
