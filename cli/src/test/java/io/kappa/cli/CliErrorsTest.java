package io.kappa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command given bad values of each kind (a missing file, a folder, an unknown host, a port nothing listens on,
 * numbers, durations and instants out of range, names Cassandra or Kafka refuse, reserved words) answers with one line
 * that starts "kappa:" and names what to fix, a non-zero exit, and no stack trace. The ranges are tried for every
 * number option of every command (from the commands themselves, so a new option is tried too); the rest is a table,
 * printed as it runs. (A Kafka that does not answer: CliHelpTest.)
 */
class CliErrorsTest {
    @TempDir
    static Path home;

    @BeforeAll
    static void aHomeWithoutAStack() {
        // commands that would look for the local stack's jars or state find an empty checkout, never the user's
        System.setProperty("kappa.home", home.toString());
    }

    /** Runs the command line in this JVM; fails if it takes longer than the bound. */
    static Result run(Duration bound, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cli-under-test");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Integer> exit = executor.submit(() -> KappaCli.commandLine().setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true)).execute(args));
            return new Result(exit.get(bound.toMillis(), TimeUnit.MILLISECONDS), out.toString(), err.toString());
        } finally {
            executor.shutdownNow();
        }
    }

    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static void assertOneLineError(Result r, int exit, String mentions, String commandLine) {
        assertThat(r.errLines()).as(commandLine + " printed on stderr").hasSize(1);
        String line = r.errLines().get(0);
        System.out.printf("CLI ERROR | %-70s | %d | %s%n", commandLine, r.exit(), line);
        assertThat(line).as(commandLine).startsWith("kappa: ").contains(mentions)
                .doesNotContain("\tat ").doesNotContain("Caused by:").doesNotContain("Exception in thread");
        assertThat(r.exit()).as(commandLine + ": exit status").isEqualTo(exit);
    }

    /** Bad values for the options of every kind, and what the one line must mention. */
    static Stream<Arguments> table() throws Exception {
        Path dir = Files.createTempDirectory("cli-errors");
        String folder = dir.toString();
        String missing = dir.resolve("nope.txt").toString();
        return Stream.of(
                // files
                Arguments.of(2, "--file " + missing + ": no such file", List.of("produce", "words", "--file", missing)),
                Arguments.of(2, "is a folder", List.of("produce", "words", "--file", folder)),
                Arguments.of(2, "--kafka-properties-file", List.of("topics", "list", "--kafka-properties-file", missing)),
                Arguments.of(2, "--cassandra-properties-file", List.of("query", "top", "--cassandra-properties-file", folder)),
                Arguments.of(2, "--api-key-file", List.of("produce", "weather", "--openweather", "--api-key-file", missing)),
                Arguments.of(2, "--jar", List.of("version", "start", "v2", "--jar", missing)),
                // hosts and ports
                Arguments.of(2, "nohost.invalid", List.of("topics", "create", "x", "--bootstrap-servers", "nohost.invalid:9092")),
                Arguments.of(2, "--bootstrap-servers", List.of("topics", "list", "--bootstrap-servers", "localhost")),
                Arguments.of(2, "a port is 1 to 65535", List.of("consume", "words", "--bootstrap-servers", "127.0.0.1:99999")),
                Arguments.of(2, "--cassandra-hosts", List.of("query", "top", "--cassandra-hosts", "nohost.invalid")),
                Arguments.of(2, "--cassandra-port 0", List.of("query", "windows", "--cassandra-port", "0")),
                Arguments.of(1, "127.0.0.1:1", List.of("query", "top", "--cassandra-port", "1")),
                Arguments.of(2, "--flink-url", List.of("version", "list", "--flink-url", "localhost:8081")),
                Arguments.of(2, "--port 70000", List.of("dashboard", "--port", "70000")),
                Arguments.of(2, "--kafka-port 0", List.of("up", "--kafka-port", "0")),
                // numbers, durations, instants
                Arguments.of(2, "--generate -5: must be at least 1", List.of("produce", "words", "--generate", "-5")),
                Arguments.of(2, "-n -1", List.of("query", "top", "-n", "-1")),
                Arguments.of(2, "--cities -3", List.of("produce", "weather", "--cities", "-3")),
                Arguments.of(2, "--parallelism -1", List.of("replay", "--keyspace", "r", "--parallelism", "-1")),
                Arguments.of(2, "--parallelism 0", List.of("version", "start", "v2", "--parallelism", "0")),
                Arguments.of(2, "--brokers 0", List.of("up", "--brokers", "0")),
                Arguments.of(2, "--min-words (9) must be at least 1 and at most --max-words (3)",
                        List.of("produce", "words", "--generate", "5", "--min-words", "9", "--max-words", "3",
                                "--bootstrap-servers", "127.0.0.1:1")),
                Arguments.of(2, "--out-of-order 1.5", List.of("produce", "words", "--generate", "5", "--out-of-order", "1.5")),
                Arguments.of(2, "'-5s' is not a duration", List.of("produce", "words", "--generate", "5", "--span", "-5s")),
                Arguments.of(2, "--refresh 100ms", List.of("dashboard", "--refresh", "100ms")),
                Arguments.of(2, "--start +1000000000-01-01T00:00:00Z: must be between",
                        List.of("produce", "words", "--generate", "5", "--start", "+1000000000-01-01T00:00:00Z")),
                Arguments.of(2, "'yesterday' is not an instant", List.of("diff", "a", "b", "--from", "yesterday")),
                Arguments.of(2, "--partitions", List.of("topics", "create", "--partitions", "lots")),
                // names
                Arguments.of(2, "'select' is a reserved CQL word", List.of("version", "start", "select")),
                Arguments.of(2, "'kappa_meta' is a keyspace of the pipeline's metadata", List.of("version", "start", "kappa_meta")),
                Arguments.of(2, "'Foo' has capital letters", List.of("version", "start", "Foo")),
                Arguments.of(2, "RIGHT 'x;drop'", List.of("diff", "kappa", "x;drop")),
                Arguments.of(2, "KEYSPACE 'table'", List.of("promote", "table")),
                Arguments.of(2, "--keyspace 'system_auth'", List.of("query", "latest", "--keyspace", "system_auth")),
                Arguments.of(2, "--keyspace '9lives'", List.of("schema", "show", "--keyspace", "9lives")),
                Arguments.of(2, "TOPIC 'bad topic!'", List.of("topics", "create", "bad topic!")),
                Arguments.of(2, "TOPIC 'a/b'", List.of("consume", "a/b")),
                Arguments.of(2, "--topic", List.of("produce", "words", "--topic", "..", "--generate", "3")),
                Arguments.of(2, "NAME 'x y'", List.of("version", "retire", "x y")),
                // job options passed through, secrets, the command line itself
                Arguments.of(2, "--window", List.of("replay", "--keyspace", "r", "--", "--window", "-5s")),
                Arguments.of(2, "--kafka-property sasl.jaas.config is a secret",
                        List.of("topics", "list", "--kafka-property", "sasl.jaas.config=x")),
                Arguments.of(2, "Unknown option: '--nope'", List.of("query", "top", "--nope")),
                Arguments.of(2, "Missing required parameter", List.of("version", "start")),
                Arguments.of(2, "Unmatched argument", List.of("frobnicate")));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("table")
    void aBadValueIsOneLineThatNamesIt(int exit, String mentions, List<String> args) throws Exception {
        Result r = run(Duration.ofSeconds(60), args.toArray(String[]::new));
        assertOneLineError(r, exit, mentions, "bin/kappa " + String.join(" ", args));
    }

    /** Every number option of every command, one below its range and not a number at all: refused before anything runs. */
    @Test
    void everyNumberOptionOfEveryCommandRefusesValuesOutOfItsRange() throws Exception {
        List<String> tried = new ArrayList<>();
        for (CommandLine command : commands(KappaCli.commandLine())) {
            CommandSpec spec = command.getCommandSpec();
            String name = spec.qualifiedName(" ").replaceFirst("^kappa ?", "");
            for (OptionSpec o : spec.options()) {
                Class<?> type = o.type();
                boolean number = type == int.class || type == long.class || type == short.class || type == double.class
                        || Number.class.isAssignableFrom(type);
                if (!number) {
                    continue;
                }
                OptionChecks.Range range = OptionChecks.numberRange(name, o.longestName());
                List<String> values = new ArrayList<>(List.of("x1"));
                if (range.min() > -Double.MAX_VALUE) {
                    values.add(type == double.class || type == Double.class ? Double.toString(range.min() - 0.5)
                            : Long.toString((long) range.min() - 1));
                }
                for (String v : values) {
                    List<String> args = new ArrayList<>(List.of(name.split(" ")));
                    args.addAll(List.of(o.longestName(), v));
                    args.addAll(requiredParameters(name, o.longestName()));
                    Result r = run(Duration.ofSeconds(20), args.toArray(String[]::new));
                    assertOneLineError(r, 2, o.longestName(), "bin/kappa " + String.join(" ", args));
                    tried.add(String.join(" ", args));
                }
            }
        }
        System.out.println("CLI ERROR | " + tried.size() + " out-of-range and non-numeric values tried");
        assertThat(tried).hasSizeGreaterThan(60);
    }

    /** The positional parameters a command needs so that the option under test is what it stops at. */
    private static List<String> requiredParameters(String command, String option) {
        if (command.equals("produce words") && !option.equals("--generate")) {
            return List.of("--generate", "5"); // the generator's options need --generate
        }
        return switch (command) {
            case "version start", "version retire", "promote", "consume" -> List.of("v2");
            case "query word", "query city", "query city-windows" -> List.of("x");
            case "diff" -> List.of("a", "b");
            case "replay" -> List.of("--keyspace", "r");
            default -> List.of();
        };
    }

    static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        root.getSubcommands().forEach((n, c) -> {
            if (!n.equals("help") && !n.equals("flink")) {
                all.add(c);
                all.addAll(commands(c));
            }
        });
        return all;
    }
}
