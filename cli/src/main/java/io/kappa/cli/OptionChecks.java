package io.kappa.cli;

import io.kappa.cassandra.KeyspaceNames;
import io.kappa.client.UserFiles;
import io.kappa.kafka.TopicNames;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The checks every command's values pass before the command runs, written once for all of them: numbers and
 * durations within their range, files that exist and are files, names that Cassandra and Kafka accept, hosts that
 * resolve, ports that are ports. A value that fails is one line naming the option, the value and what it must be
 * ({@link KappaCli}), and nothing has run yet. {@code OptionChecksTest} checks that every number and duration option
 * of every command has a range here, and that every default is within it.
 */
final class OptionChecks {
    private OptionChecks() {}

    /** Inclusive bounds of a number option. */
    record Range(double min, double max) {
        static Range atLeast(double min) {
            return new Range(min, Double.MAX_VALUE);
        }

        String describe() {
            if (max == Double.MAX_VALUE) {
                return "at least " + show(min);
            }
            return "from " + show(min) + " to " + show(max);
        }

        private static String show(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    private static final Range PORT = new Range(1, 65535);
    private static final Range COUNT = Range.atLeast(1);
    private static final Range NON_NEGATIVE = Range.atLeast(0);
    private static final Range FRACTION = new Range(0, 1);
    private static final Range ANY = new Range(-Double.MAX_VALUE, Double.MAX_VALUE);

    /**
     * Number options by name, or by "command name" where one name means different things in two commands (the
     * qualified entry wins).
     */
    static final Map<String, Range> NUMBERS = Map.ofEntries(
            Map.entry("--kafka-port", PORT), Map.entry("--kafka-controller-port", PORT),
            Map.entry("--cassandra-port", PORT), Map.entry("--cassandra-storage-port", PORT),
            Map.entry("--flink-port", PORT), Map.entry("--flink-rpc-port", PORT),
            Map.entry("--jobmanager-metrics-port", PORT), Map.entry("--taskmanager-metrics-port", PORT),
            Map.entry("--brokers", new Range(1, 9)), Map.entry("--cassandra-nodes", new Range(1, 9)),
            Map.entry("--taskmanagers", new Range(1, 9)),
            Map.entry("--partitions", new Range(1, 10_000)), Map.entry("--replication-factor", new Range(0, 100)),
            Map.entry("--generate", COUNT), Map.entry("--vocabulary", COUNT), Map.entry("--min-words", COUNT),
            Map.entry("--max-words", COUNT), Map.entry("--zipf", new Range(0, 100)), Map.entry("--seed", ANY),
            Map.entry("--out-of-order", FRACTION), Map.entry("--too-late", FRACTION), Map.entry("--rate", new Range(0.001, 1e9)),
            Map.entry("--cities", new Range(0, 400)), Map.entry("--malformed", FRACTION), Map.entry("--duplicates", FRACTION),
            Map.entry("produce weather --rounds", NON_NEGATIVE), Map.entry("bench --rounds", new Range(1, 100)),
            Map.entry("consume --max", Range.atLeast(-1)), Map.entry("--max-value-chars", NON_NEGATIVE),
            Map.entry("-n", new Range(1, 10_000)), Map.entry("--last", new Range(1, 100_000)),
            Map.entry("--parallelism", new Range(1, 1024)),
            Map.entry("--lines", COUNT), Map.entry("--weather-rounds", NON_NEGATIVE),
            Map.entry("--sink-grid-seconds", NON_NEGATIVE), Map.entry("--live-rate", new Range(1, 1e9)),
            Map.entry("--live-seconds", COUNT), Map.entry("dashboard --port", new Range(0, 65535)));

    /** The shortest each duration option takes, by name (or "command name"); none may be negative. */
    static final Map<String, Duration> DURATIONS = Map.ofEntries(
            Map.entry("--span", Duration.ofMillis(1)), Map.entry("--interval", Duration.ofMillis(1)),
            Map.entry("--out-of-order-by", Duration.ZERO), Map.entry("--too-late-by", Duration.ofMillis(1)),
            Map.entry("--idle", Duration.ofMillis(1)), Map.entry("--timeout", Duration.ofSeconds(1)),
            Map.entry("--wait", Duration.ZERO), Map.entry("--refresh", Duration.ofMillis(500)));

    /** Options and parameters that name an output version (a keyspace), by name or parameter label. */
    static final List<String> KEYSPACES = List.of("--keyspace", "NAME", "KEYSPACE", "LEFT", "RIGHT");
    /** Options and parameters that name Kafka topics. */
    static final List<String> TOPICS = List.of("--topic", "TOPIC");
    /** Instants are between these (a year of four digits). */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** Checks the values given on the command line of the command that will run (and its parents). */
    static void check(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            String command = level.commandSpec().qualifiedName(" ").replaceFirst("^kappa ?", "");
            for (OptionSpec o : level.matchedOptions()) {
                checkValue(command, o.longestName(), o, o.getValue());
            }
            for (PositionalParamSpec p : level.matchedPositionals()) {
                checkValue(command, p.paramLabel(), p, p.getValue());
            }
        }
    }

    /** The range of a number option of a command, or null when it is not a number option. */
    static Range numberRange(String command, String name) {
        Range qualified = NUMBERS.get(command + " " + name);
        return qualified != null ? qualified : NUMBERS.get(name);
    }

    static Duration shortest(String command, String name) {
        Duration qualified = DURATIONS.get(command + " " + name);
        return qualified != null ? qualified : DURATIONS.get(name);
    }

    private static void checkValue(String command, String name, ArgSpec spec, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Number n && !(value instanceof Boolean)) {
            Range r = numberRange(command, name);
            if (r == null) {
                throw new IllegalStateException("no range for " + command + " " + name + " (OptionChecks.NUMBERS)");
            }
            double d = n.doubleValue();
            if (!(d >= r.min() && d <= r.max())) {
                throw bad(name, value, "must be " + r.describe());
            }
        } else if (value instanceof Duration d) {
            Duration min = shortest(command, name);
            if (min == null) {
                throw new IllegalStateException("no shortest duration for " + command + " " + name);
            }
            if (d.compareTo(min) < 0) {
                throw bad(name, d.toMillis() + "ms", min.isZero() ? "must not be negative"
                        : "must be at least " + min.toMillis() + "ms");
            }
        } else if (value instanceof Instant i) {
            if (i.isBefore(EARLIEST) || i.isAfter(LATEST)) {
                throw bad(name, value, "must be between " + EARLIEST + " and " + LATEST);
            }
        } else if (value instanceof Path p) {
            UserFiles.readable(p, name);
        } else if (value instanceof String s) {
            checkText(name, s);
        } else if (value instanceof Collection<?> values && TOPICS.contains(name)) {
            values.forEach(v -> TopicNames.require(String.valueOf(v), name));
        }
    }

    private static void checkText(String name, String s) {
        if (KEYSPACES.contains(name)) {
            KeyspaceNames.require(s, name);
        } else if (TOPICS.contains(name)) {
            TopicNames.require(s, name);
        } else if (name.equals("--bootstrap-servers")) {
            hostsAndPorts(name, s, true);
        } else if (name.equals("--cassandra-hosts")) {
            hostsAndPorts(name, s, false);
        } else if (name.equals("--flink-url") || name.equals("--base-url")) {
            url(name, s);
        }
    }

    /** {@code host:port,host:port} (Kafka) or {@code host,host} (Cassandra): each port a port, some host known. */
    static void hostsAndPorts(String option, String list, boolean withPorts) {
        List<String> unknown = new ArrayList<>();
        String[] entries = list.split(",");
        for (String entry : entries) {
            String e = entry.trim();
            String host = e;
            if (withPorts) {
                int colon = e.lastIndexOf(':');
                if (colon <= 0 || colon == e.length() - 1) {
                    throw bad(option, list, "must be host:port[,host:port…], e.g. 127.0.0.1:9092");
                }
                host = e.substring(0, colon).replaceAll("^\\[|]$", "");
                port(option, list, e.substring(colon + 1));
            }
            if (host.isEmpty()) {
                throw bad(option, list, "has an empty host");
            }
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException | SecurityException ex) {
                unknown.add(host);
            }
        }
        if (unknown.size() == entries.length) {
            throw bad(option, list, "names no host this machine can resolve (" + String.join(", ", unknown)
                    + "): check the name");
        }
    }

    private static void port(String option, String value, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65535) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw bad(option, value, "has the port '" + port + "': a port is 1 to 65535");
    }

    private static void url(String option, String value) {
        try {
            URI u = new URI(value);
            if ((u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")))
                    && u.getHost() != null) {
                return;
            }
        } catch (java.net.URISyntaxException ignored) {
            // said below
        }
        throw bad(option, value, "must be an http:// or https:// address, e.g. http://localhost:8081");
    }

    private static IllegalArgumentException bad(String option, Object value, String what) {
        return new IllegalArgumentException(option + " " + value + ": " + what);
    }

    /** Parses an ISO-8601 instant, saying what is wrong in one line. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an instant: write it in ISO-8601, "
                        + "e.g. 2026-11-22T10:00:00Z");
            }
        }
    }
}
