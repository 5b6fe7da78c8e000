package io.kappa.cli;

import io.kappa.client.flink.JobRunner;
import io.kappa.client.Times;
import io.kappa.client.versions.VersionLifecycle;
import io.kappa.client.versions.Versions;
import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bin/kappa version start|list|retire}: output versions the Kappa way (docs/operations.md). */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = {"Output versions the Kappa way: a new version runs live from offset zero beside the served one, "
                + "catches up, is compared (bin/kappa diff), promoted (bin/kappa promote), and the old one retired."},
        subcommands = {VersionCommand.Start.class, VersionCommand.ListVersions.class, VersionCommand.Retire.class})
public class VersionCommand {

    @Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Start version NAME: the job (a new jar with --jar, or new options after --) live from offset "
                    + "zero into keyspace NAME, with its own consumer group (NAME) and side topics (NAME-words-late, "
                    + "NAME-dead-letters, NAME-weather-late); then follow it until it has caught up with the served version.",
                "e.g.: bin/kappa version start kappa_v2 -- --allowed-lateness 10m"})
    static class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Connections connections = new Connections();

        @Parameters(index = "0", paramLabel = "NAME", description = "the new version (a keyspace name)")
        String name;

        @Parameters(index = "1..*", paramLabel = "JOB_OPTION", description = "the job's options (connections, topics, "
                + "windows: see the job's --help); --mode and --keyspace are set by this command")
        List<String> jobArgs = new ArrayList<>();

        @Option(names = "--jar", description = "the job jar of the new logic (default: job/target/kappa-job.jar)")
        Path jar;

        @Option(names = "--parallelism", defaultValue = "2", description = "(default: ${DEFAULT-VALUE})")
        int parallelism;


        @Option(names = "--no-wait", description = "return once the job runs, without following its catching up")
        boolean noWait;

        @Option(names = "--allow-truncated-history", description = "start even when the input topics no longer start "
                + "at offset zero (retention deleted their beginning), with a warning; default: refuse")
        boolean allowTruncatedHistory;

        @Option(names = "--timeout", defaultValue = "1h", converter = JobOptions.DurationConverter.class,
                description = "how long to follow it at most (default: ${DEFAULT-VALUE}); the job goes on after")
        Duration timeout;

        @Override
        public Integer call() {
            List<String> all = new ArrayList<>(connections.pointJobAt(JobArgs.live()).toList());
            all.addAll(jobArgs); // the user's job options after --, which win
            JobArgs args = JobArgs.of(all).mode(JobOptions.Mode.live).keyspace(name);
            JobOptions o = args.parse();
            PrintWriter out = spec.commandLine().getOut();
            VersionLifecycle versions = new VersionLifecycle(new JobRunner(connections.flinkUrl), o.kafka(), o.cassandra());
            Path jobJar = jar != null ? jar : KappaCli.home().resolve("job/target/kappa-job.jar");
            String job = versions.start(jobJar, args, parallelism, allowTruncatedHistory, spec.commandLine().getErr());
            out.println("  version " + name + ": job " + job + " live from offset zero into keyspace " + name);
            if (noWait) {
                return 0;
            }
            VersionLifecycle.CatchUp c = versions.awaitCaughtUp(name, timeout, spec.commandLine().getErr());
            out.println("  " + name + " has caught up (" + c.behind() + " records behind the head, watermark "
                    + Times.iso(c.watermark()) + ")");
            out.println("  next: bin/kappa diff <served> " + name + "   then: bin/kappa promote " + name);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every output version: its live job and state, records behind the head, event time, served.")
    static class ListVersions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Connections connections = new Connections();


        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Versions.Version> all = new VersionLifecycle(new JobRunner(connections.flinkUrl), connections.kafka(),
                    connections.cassandra().keyspace(JobOptions.DEFAULT_KEYSPACE)).versions().list();
            out.printf("  %-2s %-20s %-34s %-9s %14s  %-24s  %s%n", "", "version", "job", "state", "behind (records)",
                    "watermark", "event-time lag");
            long now = System.currentTimeMillis();
            for (Versions.Version v : all) {
                String state = v.running() ? v.job().state()
                        : v.entry() != null && v.entry().retired() ? "retired" : "no job";
                out.printf("  %-2s %-20s %-34s %-9s %14s  %-24s  %s%n", v.served() ? "*" : "", v.keyspace(),
                        v.running() ? v.job().id() : "", state, v.behind() == null ? "" : String.format("%,d", v.behind()),
                        v.watermark() == null ? "" : Times.iso(v.watermark()),
                        v.watermark() == null ? "" : String.format("%.0f s", (now - v.watermark()) / 1000.0));
            }
            out.println("  (* = served to readers)");
            return 0;
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Stop version NAME's live job with a savepoint; with --drop also drop its keyspace, side topics "
                    + "and consumer group.")
    static class Retire implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Connections connections = new Connections();

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--drop", description = "also drop its keyspace, side topics and consumer group")
        boolean drop;

        @Option(names = "--force", description = "retire it even if it is the served version")
        boolean force;

        @Option(names = "--savepoint-dir", description = "where the savepoint goes (default: the cluster's "
                + "state.savepoints.dir)")
        String savepointDir;


        @Override
        public Integer call() {
            VersionLifecycle.Retired r = new VersionLifecycle(new JobRunner(connections.flinkUrl), connections.kafka(),
                    connections.cassandra().keyspace(name)).retire(name, savepointDir, drop, force);
            PrintWriter out = spec.commandLine().getOut();
            out.println("  version " + name + " retired" + (r.savepoint() == null ? " (it had no running job)"
                    : "; its job stopped with a savepoint at " + r.savepoint()));
            r.dropped().forEach(d -> out.println("  dropped " + d));
            return 0;
        }
    }
}
