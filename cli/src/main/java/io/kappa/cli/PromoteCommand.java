package io.kappa.cli;

import io.kappa.client.Serving;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Make an output version (keyspace) the one the query commands read when no --keyspace is given.",
            "The Kappa recipe: replay into a new keyspace beside live, diff, then promote."})
public class PromoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connections connections = new Connections();

    @Parameters(paramLabel = "KEYSPACE")
    String keyspace;

    @Override
    public Integer call() {
        String before = Serving.current(connections.cassandra(keyspace, 1)).orElse(Serving.FALLBACK + " (default)");
        Serving.promote(connections.cassandra(keyspace, 1));
        spec.commandLine().getOut().println("  serving " + keyspace + " (was " + before + ")");
        return 0;
    }
}
