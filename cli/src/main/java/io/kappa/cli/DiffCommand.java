package io.kappa.cli;

import io.kappa.client.flink.JobRunner;
import io.kappa.client.versions.VersionDiff;
import io.kappa.client.versions.VersionLifecycle;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare every table of two output versions (keyspaces): word counts over the windows both have "
                + "closed (optionally a range), saying why rows differ (records one side took as too late, or logic), "
                + "and the weather tables row by row.",
            "Exit status 0: no difference; 4: differences."})
public class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connections connections = new Connections();

    @Parameters(index = "0", paramLabel = "LEFT", description = "keyspace, e.g. kappa")
    String left;

    @Parameters(index = "1", paramLabel = "RIGHT", description = "keyspace, e.g. kappa_v2")
    String right;

    @Option(names = "--from", description = "only windows starting at or after this time (ISO-8601)")
    Instant from;

    @Option(names = "--to", description = "only windows starting before this time (ISO-8601)")
    Instant to;


    @Override
    public Integer call() {
        VersionLifecycle versions = new VersionLifecycle(new JobRunner(connections.flinkUrl), connections.kafka(),
                connections.cassandra().keyspace(left));
        VersionDiff diff = VersionDiff.compare(versions.side(left), versions.side(right),
                from == null ? null : from.toEpochMilli(), to == null ? null : to.toEpochMilli());
        diff.report(left, right).forEach(spec.commandLine().getOut()::println);
        return diff.identical() ? 0 : 4;
    }
}
