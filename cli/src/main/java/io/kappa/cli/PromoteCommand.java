package io.kappa.cli;

import io.kappa.client.flink.JobRunner;
import io.kappa.client.versions.Serving;
import io.kappa.client.versions.VersionLifecycle;
import io.kappa.job.JobOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Make an output version (keyspace) the one readers (queries, dashboard) read when no --keyspace "
                + "is given. Only a version whose live job runs and has caught up (it waits up to --wait for that), "
                + "unless --force.",
            "Rollback: promote the previous version, while it still runs."})
public class PromoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connections connections = new Connections();

    @Parameters(paramLabel = "KEYSPACE")
    String keyspace;

    @Option(names = "--force", description = "promote it even if it has no running job or has not caught up")
    boolean force;

    @Option(names = "--wait", defaultValue = "30s", converter = JobOptions.DurationConverter.class,
            description = "how long to wait for it to catch up before refusing (default: ${DEFAULT-VALUE}): on a live "
                    + "feed its watermark must reach the one the served version has when the command starts")
    Duration wait;


    @Override
    public Integer call() {
        String before = Serving.current(connections.cassandra().keyspace(keyspace)).orElse(Serving.FALLBACK + " (default)");
        new VersionLifecycle(new JobRunner(connections.flinkUrl), connections.kafka(), connections.cassandra().keyspace(keyspace))
                .promote(keyspace, force, wait);
        spec.commandLine().getOut().println("  serving " + keyspace + " (was " + before + ")");
        return 0;
    }
}
