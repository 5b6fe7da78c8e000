package io.kappa.cli;

import io.kappa.client.ClientException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bin/kappa}: everything around the job. */
@Command(name = "kappa", mixinStandardHelpOptions = true, version = "kappa 0.1.0",
        description = "Kappa Pipeline: the local stack, producers, consumers and queries around the Flink job.",
        subcommands = {
            StackCommands.Up.class, StackCommands.Down.class, StackCommands.Status.class,
            TopicsCommand.class, SchemaCommand.class,
            ProduceCommand.class, ConsumeCommand.class,
            QueryCommand.class, VersionCommand.class, DiffCommand.class, ReplayCommand.class, PromoteCommand.class,
            FlinkCommand.class, DemoCommand.class, DashboardCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public class KappaCli implements Runnable {
    @Spec
    CommandSpec spec;

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
        return commandLine().execute(args);
    }

    /**
     * The CLI with its error handling: a known problem (the client's {@link ClientException}, which the stack's
     * StackException is one of, or an IllegalStateException/IllegalArgumentException) prints one line starting
     * "kappa:" and exits 1.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new KappaCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ClientException || e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("kappa: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
