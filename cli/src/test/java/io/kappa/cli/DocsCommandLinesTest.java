package io.kappa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.core.Settings;
import io.kappa.job.JobOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.cli.Options;
import org.apache.flink.client.cli.CliArgsException;
import org.apache.flink.client.cli.CliFrontendParser;
import org.apache.flink.client.cli.CustomCommandLine;
import org.apache.flink.client.cli.DefaultCLI;
import org.apache.flink.client.cli.GenericCLI;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every command line of README.md and docs/*.md parses with the parser that will read it, so that a renamed or
 * misplaced option fails the build. Nothing is run: the lines are only parsed.
 * <ul>
 * <li>Where: lines of fenced code blocks tagged bash, sh, shell, console or untagged (in {@code text} blocks only lines
 * that start with {@code bin/kappa} or {@code bin/flink}, with or without {@code $ }: the rest is output), and inline
 * code spans (which may wrap to the next line) that start with a command. A {@code $ } prompt and a trailing
 * {@code # comment} are dropped, {@code \} continuations joined, quotes read as a shell does; a pipe, {@code &&} or
 * {@code ;} ends the command. A command with no arguments ({@code `bin/kappa`}) names the tool and is skipped.</li>
 * <li>{@code bin/kappa …}: {@link KappaCli#commandLine(Settings)}'s {@code parseArgs}. Its {@code JOB_OPTION}s
 * (after {@code --} of {@code version start} and {@code replay}) are job arguments, followed by the {@code --mode} the
 * command sets.</li>
 * <li>{@code bin/flink …}, {@code $FLINK_HOME/bin/flink …}, {@code flink <action> …}, {@code bin/kappa flink …}:
 * Flink's own parser (flink-clients' {@link CliFrontendParser} with the options of the action and of Flink's
 * {@link DefaultCLI} and {@link GenericCLI}, as {@code CliFrontend} does). For {@code run} it stops at the first
 * non-option, which must be a {@code *.jar}; what follows it are job arguments. {@code stop}, {@code cancel} and
 * {@code savepoint} need a job id.</li>
 * <li>Job arguments, and inline spans that start with {@code --mode live} or {@code --mode replay} (the web UI's
 * Program Arguments): {@link JobOptions#parse(Map, String...)}, which validates, with an empty environment. A file
 * option's value ({@code --config}, {@code --kafka-properties-file}, …) that is not in the checkout is a file of the
 * reader's: it is replaced by an empty file.</li>
 * <li>Inline spans may mention a command without all it needs ({@code `bin/kappa version start`}, {@code `flink run
 * -s`}): a missing parameter, option value, jar or job id is not a failure there; in a code block it is.</li>
 * <li>Placeholders: {@link #PLACEHOLDERS}, whole tokens. Brackets around optional parts are dropped (the part is
 * checked as if given: {@code [--country GB]}). {@code …} or {@code ...} right after an option is that option's value
 * ({@code 1}); anywhere else it means "more arguments" and is dropped. An unknown {@code <placeholder>} fails.</li>
 * </ul>
 * Prints how many lines of each kind it checked and every failing line; {@link #theCheckerFailsWhatItShould} feeds it
 * known-bad lines.
 */
class DocsCommandLinesTest {

    /** The docs' placeholders, and the harmless values the lines are checked with. */
    static final Map<String, String> PLACEHOLDERS = Map.ofEntries(
            // a job id as flink list prints it (32 hex digits)
            Map.entry("<jobId>", "4fc109d1db64e9c26a31cf8aae57aa25"),
            Map.entry("<job id>", "4fc109d1db64e9c26a31cf8aae57aa25"),
            Map.entry("<id>", "4fc109d1db64e9c26a31cf8aae57aa25"),
            Map.entry("JOB_ID", "4fc109d1db64e9c26a31cf8aae57aa25"),
            // a savepoint, or the folder flink stop writes one to
            Map.entry("<savepointPath>", "file:///tmp/sp"),
            Map.entry("<path>", "file:///tmp/sp"),
            Map.entry("DIR", "file:///tmp/sp"),
            // output versions (keyspaces): bin/kappa version start NAME, diff A B, diff <served> kappa_v2
            Map.entry("NAME", "kappa_v2"),
            Map.entry("A", "kappa"),
            Map.entry("B", "kappa_v2"),
            Map.entry("<served>", "kappa"),
            Map.entry("<keyspace>", "kappa"),
            // --jar J, a time T (--from T), a count N, a word W, a topic, a Cassandra host
            Map.entry("J", "job/target/kappa-job.jar"),
            Map.entry("T", "2026-11-01T00:00:00Z"),
            Map.entry("N", "2"),
            Map.entry("W", "fox"),
            Map.entry("<word>", "fox"),
            Map.entry("<topic>", "words"),
            Map.entry("TOPIC", "words"),
            Map.entry("TOPIC...", "words"),
            Map.entry("<their DC>", "db1"),
            // --mode live|replay: either
            Map.entry("live|replay", "live"));

    @Test
    void everyCommandLineOfTheDocsParses() throws IOException {
        Checker checker = new Checker();
        List<Path> files = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            String name = Path.of("..").relativize(f).toString();
            extract(name, Files.readAllLines(f)).forEach(checker::check);
        }
        System.out.printf("DOCS | command lines checked: %d bin/kappa, %d flink run, %d other flink, %d job arguments%n",
                checker.kappa, checker.flinkRun, checker.flinkOther, checker.job);
        checker.failures.forEach(f -> System.out.println("DOCS | " + f));
        assertThat(checker.kappa).isGreaterThan(50);
        assertThat(checker.flinkRun).isGreaterThan(5);
        assertThat(checker.failures).as("command lines of the docs that do not parse").isEmpty();
    }

    @Test
    void theCheckerFailsWhatItShould() {
        List<String> bad = List.of(
                "```bash",
                "bin/kappa replay --no-such-option",
                "bin/flink run -d job/target/kappa-job.jar --mode live -p 4   # a Flink option after the jar",
                "bin/kappa version start v2 -- --allowed-latenes 60s",
                "bin/flink run -d --mode live job/target/kappa-job.jar",
                "bin/flink run job/target/kappa-job.jar --mode sideways",
                "bin/flink stop --no-drain <jobId>",
                "bin/kappa version start        # missing NAME: fine inline, not in a block",
                "bin/kappa produce words \\",
                "    --generate 10 --nope",
                "```",
                "In prose: `bin/kappa query top --keyspce kappa`, `--mode live --keyspace 9lives`,",
                "`bin/kappa replay --no-such-option` (a mention may leave out --keyspace, not add an unknown option), `bin/kappa",
                "replay --keyspace r -- --from <yesterday>` (a span that wraps), `bin/kappa up --brokers 0x`.",
                "```text",
                "$ bin/kappa bogus",
                "  output: bin/kappa bogus is not checked",
                "```");
        Checker checker = new Checker();
        extract("bad.md", bad).forEach(checker::check);
        checker.failures.forEach(f -> System.out.println("DOCS SELF-TEST | " + f));
        assertThat(checker.failures).hasSize(14)
                .anySatisfy(f -> assertThat(f).startsWith("bad.md:2: ").contains("--no-such-option"))
                .anySatisfy(f -> assertThat(f).startsWith("bad.md:3: ").contains("-p"))
                .anySatisfy(f -> assertThat(f).startsWith("bad.md:4: ").contains("--allowed-latenes"))
                .anySatisfy(f -> assertThat(f).startsWith("bad.md:5: ").contains("--mode"))
                .anySatisfy(f -> assertThat(f).startsWith("bad.md:9: ").contains("--nope"))
                .anySatisfy(f -> assertThat(f).startsWith("bad.md:12: ").contains("--keyspce"))
                .anySatisfy(f -> assertThat(f).startsWith("bad.md:12: ").contains("9lives"))
                .anySatisfy(f -> assertThat(f).startsWith("bad.md:13: ").contains("--no-such-option"))
                .anySatisfy(f -> assertThat(f).startsWith("bad.md:13: ").contains("<yesterday>"))
                .anySatisfy(f -> assertThat(f).startsWith("bad.md:14: ").contains("0x"))
                .anySatisfy(f -> assertThat(f).startsWith("bad.md:16: ").contains("bogus"));

        List<String> good = List.of(
                "```bash",
                "bin/kappa version start v2 -- --allowed-lateness 60s   # fine",
                "bin/flink run -d -p 2 job/target/kappa-job.jar --mode live --config /etc/kappa/kappa.properties",
                "bin/kappa replay --keyspace backfill -- --from 2026-11-01T00:00:00Z",
                "bin/flink stop --savepointPath <savepointPath> <jobId>",
                "bin/kappa flink --help",
                "```",
                "Mentions: `bin/kappa version start`, `flink run -s`, `bin/kappa query top [-n N]`.");
        Checker fine = new Checker();
        extract("good.md", good).forEach(fine::check);
        assertThat(fine.failures).isEmpty();
        assertThat(List.of(fine.kappa, fine.flinkRun, fine.flinkOther, fine.job)).containsExactly(4, 2, 2, 3);
    }

    /** One command line of the docs: where it is, its text, and whether it is an inline span (may be a mention). */
    record Line(String file, int number, String text, boolean inline) {
        @Override
        public String toString() {
            return file + ":" + number + ": " + text.replaceFirst("\\s+#\\s.*$", "").strip();
        }
    }

    private static final Set<String> SHELL_BLOCKS = Set.of("", "bash", "sh", "shell", "console", "text");
    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern TEXT_COMMAND = Pattern.compile("^(\\$ )?(\\./)?bin/(kappa|flink)(\\s.*)?$");

    /** The candidate lines of one markdown file: code block lines and inline spans. */
    static List<Line> extract(String file, List<String> lines) {
        List<Line> found = new ArrayList<>();
        String block = null; // the tag of the open fence
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.strip().startsWith("```")) {
                block = block == null ? line.strip().substring(3).strip() : null;
                continue;
            }
            if (block != null) {
                while (line.endsWith("\\") && i + 1 < lines.size()) {
                    line = line.substring(0, line.length() - 1).stripTrailing() + " " + lines.get(++i).strip();
                }
                String command = line.strip();
                if (SHELL_BLOCKS.contains(block) && (!block.equals("text") || TEXT_COMMAND.matcher(command).matches())) {
                    found.add(new Line(file, number, command.replaceFirst("^\\$ ", ""), false));
                }
                continue;
            }
            // a span may go on on the next line of its paragraph
            while (line.chars().filter(c -> c == '`').count() % 2 == 1 && i + 1 < lines.size()
                    && !lines.get(i + 1).isBlank() && !lines.get(i + 1).strip().startsWith("```")) {
                line = line + "\n" + lines.get(++i).strip();
            }
            Matcher m = SPAN.matcher(line);
            while (m.find()) {
                int spanLine = number + (int) line.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                found.add(new Line(file, spanLine, m.group(1).replace('\n', ' '), true));
            }
        }
        return found;
    }

    /** Checks lines and keeps count: lines of each kind, and every failure as "file:line: command — reason". */
    static class Checker {
        private static final Set<String> FLINK = Set.of("bin/flink", "./bin/flink", "$FLINK_HOME/bin/flink",
                "${FLINK_HOME}/bin/flink");
        private static final Set<String> FLINK_ACTIONS = Set.of("run", "info", "list", "cancel", "stop", "savepoint",
                "checkpoint");
        private static final Set<String> OPERATORS = Set.of("|", "||", "&&", ";", "&");
        private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");

        final List<String> failures = new ArrayList<>();
        int kappa;
        int flinkRun;
        int flinkOther;
        int job;

        void check(Line line) {
            List<String> tokens = tokens(line.text());
            if (line.inline() && tokens.size() > 1 && tokens.get(0).equals("--mode")
                    && Set.of("live", "replay").contains(tokens.get(1))) {
                List<String> args = substitute(line, tokens);
                if (args != null) {
                    job(line, args, null);
                }
                return;
            }
            int start = 0;
            while (start < tokens.size() && !isCommand(tokens, start)) {
                start++;
            }
            if (start == tokens.size() || (line.inline() && start > 0)) {
                return; // no command, or a span that quotes a message with one in it
            }
            int end = start;
            while (end < tokens.size() && !OPERATORS.contains(tokens.get(end))) {
                end++;
            }
            List<String> args = substitute(line, tokens.subList(start + 1, end));
            if (args == null || args.isEmpty()) {
                return;
            }
            if (FLINK.contains(tokens.get(start)) || tokens.get(start).equals("flink")) {
                flink(line, args);
            } else if (args.get(0).equals("flink")) {
                flink(line, args.subList(1, args.size()));
            } else {
                kappa(line, args);
            }
        }

        private static boolean isCommand(List<String> tokens, int i) {
            String t = tokens.get(i);
            return t.equals("bin/kappa") || t.equals("./bin/kappa") || FLINK.contains(t)
                    || (t.equals("flink") && i + 1 < tokens.size() && FLINK_ACTIONS.contains(tokens.get(i + 1)));
        }

        private void kappa(Line line, List<String> args) {
            kappa++;
            CommandLine cli = KappaCli.commandLine(Settings.none());
            collectErrors(cli);
            ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
            List<String> errors = new ArrayList<>();
            for (ParseResult r = parsed; r != null; r = r.subcommand()) {
                r.errors().stream().filter(e -> !(line.inline() && e instanceof CommandLine.MissingParameterException))
                        .forEach(e -> errors.add(e.getMessage()));
            }
            if (!errors.isEmpty()) {
                fail(line, String.join("; ", errors));
                return;
            }
            ParseResult command = parsed;
            while (command.hasSubcommand()) {
                command = command.subcommand();
            }
            for (PositionalParamSpec p : command.matchedPositionals().stream().distinct().toList()) {
                if (p.paramLabel().equals("JOB_OPTION")) {
                    String mode = command.commandSpec().name().equals("replay") ? "replay" : "live";
                    job(line, p.stringValues(), mode);
                }
            }
        }

        /** All errors, not only the first: a missing parameter (forgiven in a mention) may hide an unknown option. */
        private static void collectErrors(CommandLine cli) {
            cli.getCommandSpec().parser().collectErrors(true);
            cli.getSubcommands().values().forEach(Checker::collectErrors);
        }

        private void flink(Line line, List<String> args) {
            if (args.isEmpty()) {
                return;
            }
            String action = args.get(0);
            if (Set.of("-h", "--help", "-v", "--version").contains(action)) {
                flinkOther++;
                return;
            }
            boolean run = action.equals("run");
            if (run) {
                flinkRun++;
            } else {
                flinkOther++;
            }
            org.apache.commons.cli.CommandLine parsed;
            try {
                Options options = CliFrontendParser.mergeOptions(actionOptions(action), CUSTOM_OPTIONS);
                parsed = CliFrontendParser.parse(options, args.subList(1, args.size()).toArray(String[]::new), run);
            } catch (NoSuchMethodException e) {
                fail(line, "flink has no action '" + action + "'");
                return;
            } catch (CliArgsException e) {
                if (!(line.inline() && e.getMessage().startsWith("Missing argument"))) {
                    fail(line, "flink " + action + ": " + e.getMessage());
                }
                return;
            }
            List<String> rest = parsed.getArgList();
            if (run) {
                if (rest.isEmpty()) {
                    if (!line.inline()) {
                        fail(line, "flink run: no jar");
                    }
                } else if (!rest.get(0).endsWith(".jar")) {
                    fail(line, "flink run: '" + rest.get(0) + "' where the jar should be (Flink's options go before "
                            + "the jar, the job's after it)");
                } else {
                    job(line, rest.subList(1, rest.size()), null);
                }
            } else if (Set.of("stop", "cancel", "savepoint").contains(action) && !line.inline()
                    && (rest.isEmpty() || !JOB_ID.matcher(rest.get(0)).matches())) {
                fail(line, "flink " + action + ": no job id");
            }
        }

        /** The options of {@code CliFrontend}'s custom command lines, as it adds them to every action's. */
        private static final Options CUSTOM_OPTIONS = new Options();

        static {
            for (CustomCommandLine c : List.of(new GenericCLI(new Configuration(), "conf"), new DefaultCLI())) {
                c.addGeneralOptions(CUSTOM_OPTIONS);
                c.addRunOptions(CUSTOM_OPTIONS);
            }
        }

        /** {@code CliFrontendParser.getStopCommandOptions()} and the like: package-private in Flink. */
        private static Options actionOptions(String action) throws NoSuchMethodException {
            Method m = CliFrontendParser.class.getDeclaredMethod(
                    "get" + Character.toUpperCase(action.charAt(0)) + action.substring(1) + "CommandOptions");
            m.setAccessible(true);
            try {
                return (Options) m.invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The job's arguments, followed by {@code --mode} when a bin/kappa command sets it. */
        private void job(Line line, List<String> jobArgs, String mode) {
            job++;
            List<String> args = withReadersFiles(jobArgs);
            if (mode != null) {
                args.addAll(List.of("--mode", mode));
            }
            PrintStream out = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream())); // --help prints the usage
            try {
                JobOptions.parse(Map.of(), args.toArray(String[]::new));
            } catch (IllegalArgumentException e) {
                fail(line, "job arguments: " + e.getMessage());
            } finally {
                System.setOut(out);
            }
        }

        /** A file option's value that is not in the checkout is the reader's file: an empty one here. */
        private static List<String> withReadersFiles(List<String> jobArgs) {
            CommandLine.Model.CommandSpec spec = new CommandLine(new JobOptions()).getCommandSpec();
            List<String> args = new ArrayList<>(jobArgs);
            for (int i = 0; i + 1 < args.size(); i++) {
                CommandLine.Model.OptionSpec o = args.get(i).startsWith("--") ? spec.findOption(args.get(i)) : null;
                if (o != null && o.type() == Path.class && !Files.exists(Path.of("..").resolve(args.get(i + 1)))) {
                    args.set(i + 1, emptyFile().toString());
                }
            }
            return args;
        }

        private static Path emptyFile() {
            try {
                Path f = Files.createTempFile("docs-command-lines", ".properties");
                f.toFile().deleteOnExit();
                return f;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The tokens with {@link #PLACEHOLDERS} replaced, brackets and "more arguments" dropped; null on failure. */
        private List<String> substitute(Line line, List<String> tokens) {
            List<String> out = new ArrayList<>();
            for (String token : tokens) {
                String t = token.replaceAll("^\\[|\\]$", "");
                if (t.equals("…") || t.equals("...")) {
                    String previous = out.isEmpty() ? "" : out.get(out.size() - 1);
                    if (previous.startsWith("-") && !previous.equals("--")) {
                        out.add("1"); // the value of the option before it
                    }
                    continue;
                }
                t = PLACEHOLDERS.getOrDefault(t, t);
                if (t.matches("<[^>]+>")) {
                    fail(line, "unknown placeholder " + t + ": add it to PLACEHOLDERS");
                    return null;
                }
                out.add(t);
            }
            return out;
        }

        private void fail(Line line, String reason) {
            failures.add(line + " — " + reason.lines().findFirst().orElse(reason).strip());
        }
    }

    /** Words as a shell splits them: quotes and backslashes; a {@code #} that starts a word starts a comment. */
    static List<String> tokens(String s) {
        List<String> tokens = new ArrayList<>();
        StringBuilder t = null;
        char quote = 0;
        boolean angle = false; // <job id> is one placeholder
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    t.append(c);
                }
            } else if (Character.isWhitespace(c) && !angle) {
                if (t != null) {
                    tokens.add(t.toString());
                    t = null;
                }
            } else if (c == '#' && t == null) {
                break;
            } else {
                t = t == null ? new StringBuilder() : t;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < s.length()) {
                    t.append(s.charAt(++i));
                } else {
                    angle = c == '<' || (angle && c != '>');
                    t.append(c);
                }
            }
        }
        if (t != null) {
            tokens.add(t.toString());
        }
        return tokens;
    }
}
