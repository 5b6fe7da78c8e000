package io.kappa.cli;

import io.kappa.client.ClientException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code bin/kappa}: everything around the job. */
@Command(name = "kappa", mixinStandardHelpOptions = true, version = "kappa 0.1.0",
        description = "Kappa Pipeline: the local stack, producers, consumers and queries around the Flink job.",
        subcommands = {
            StackCommands.Up.class, StackCommands.Down.class, StackCommands.Status.class,
            TopicsCommand.class, SchemaCommand.class,
            ProduceCommand.class, ConsumeCommand.class,
            QueryCommand.class, VersionCommand.class, DiffCommand.class, ReplayCommand.class, PromoteCommand.class,
            FlinkCommand.class, DemoCommand.class, DashboardCommand.class, BenchCommand.class, ConfigCommand.class,
            CommandLine.HelpCommand.class})
public class KappaCli implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = io.kappa.core.Settings.CONFIG_OPTION, paramLabel = "<file>",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "a properties file of settings for every command and the job (bootstrap-servers=…, "
                    + "cassandra-hosts=…, flink-url=…, kafka.*, cassandra.* client properties and secrets); default: "
                    + "$KAPPA_CONFIG, else ./kappa.properties when present. Order: the command line, KAPPA_<OPTION>, "
                    + "this file, the default (bin/kappa config shows what is in effect)")
    Path config;

    /** The project checkout (bin/kappa passes it as -Dkappa.home). */
    public static Path home() {
        String home = System.getProperty("kappa.home");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int execute(String... args) {
        if (args.length > 0 && args[0].equals("flink")) {
            return FlinkCommand.run(java.util.Arrays.asList(args).subList(1, args.length));
        }
        io.kappa.core.Settings settings;
        try {
            settings = io.kappa.core.Settings.of(java.util.Arrays.asList(args), System.getenv(), Path.of(""));
        } catch (IllegalArgumentException e) {
            System.err.println("kappa: " + e.getMessage());
            return USAGE;
        }
        return commandLine(settings).execute(args);
    }

    /** The CLI with its error handling and no configuration file or environment (tests). */
    public static CommandLine commandLine() {
        return commandLine(io.kappa.core.Settings.none());
    }

    /** Exit status of a command line that cannot be parsed or whose values fail {@link OptionChecks}. */
    public static final int USAGE = 2;
    /** Exit status of a command that failed while it ran. */
    public static final int FAILED = 1;
    /** Set (to anything) to have an unexpected error print its stack trace as well. */
    public static final String DEBUG_ENV = "KAPPA_DEBUG";

    /**
     * The CLI with its error handling, so that every error is one line starting "kappa:" and a non-zero exit, never a
     * stack trace. What was typed is wrong (a command line that cannot be parsed, a value that {@link OptionChecks},
     * the command or the job's options refuse: an IllegalArgumentException): exit {@value #USAGE}, naming the option.
     * The command failed while it ran (the client's {@link ClientException}, which the stack's StackException is one
     * of, an IllegalStateException, both one line saying what to do; anything else with its kind and message): exit
     * {@value #FAILED}.
     */
    public static CommandLine commandLine(io.kappa.core.Settings settings) {
        CommandLine cli = new CommandLine(new KappaCli());
        cli.setDefaultValueProvider(settings.restrictedTo(Connections.OPTIONS));
        cli.registerConverter(java.time.Instant.class, new OptionChecks.InstantConverter());
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("kappa: " + oneLine(e.getMessage()) + " (see: "
                    + e.getCommandLine().getCommandSpec().qualifiedName(" ").replaceFirst("^kappa", "bin/kappa")
                    + " --help)");
            return USAGE;
        });
        cli.setExecutionStrategy(parsed -> {
            for (ParseResult level = parsed; level != null; level = level.subcommand()) {
                for (Object mixin : level.commandSpec().mixins().values().stream().map(CommandSpec::userObject).toList()) {
                    if (mixin instanceof Connections c) {
                        c.settings = settings;
                    }
                }
            }
            try {
                OptionChecks.check(parsed);
            } catch (IllegalArgumentException e) {
                CommandLine command = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
                command.getErr().println("kappa: " + oneLine(e.getMessage()));
                return USAGE;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("kappa: " + describe(e));
            if (System.getenv(DEBUG_ENV) != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return e instanceof IllegalArgumentException ? USAGE : FAILED;
        });
        return cli;
    }

    /** One line for any error: the project's own messages as they are, anything else with its kind. */
    static String describe(Throwable e) {
        if (e instanceof ClientException || e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
            return oneLine(e.getMessage());
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return e.getMessage() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return e.getMessage() + ": permission denied";
        }
        if (e instanceof org.apache.kafka.common.KafkaException) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return "Kafka: " + oneLine(root.getMessage()) + " (check --bootstrap-servers and the Kafka client "
                    + "properties)";
        }
        if (e instanceof com.datastax.driver.core.exceptions.DriverException) {
            return "Cassandra: " + oneLine(e.getMessage()) + " (check --cassandra-hosts, --cassandra-port and the "
                    + "Cassandra client properties)";
        }
        return "unexpected " + e.getClass().getSimpleName() + ": " + oneLine(String.valueOf(e.getMessage()))
                + " (set " + DEBUG_ENV + "=1 for the details)";
    }

    /** The first line of a message (picocli's own can run over several). */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
