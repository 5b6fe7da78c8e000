package io.kappa.cli;

import io.kappa.client.flink.JobRunner;
import io.kappa.client.versions.Replay;
import io.kappa.client.versions.Serving;
import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The Kappa recipe's first step: replay the topics into a new output version while the live job keeps
 * serving, on the same session cluster, with a progress bar (records read against the end offsets).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay the topics from offset zero (or --from) into a keyspace of its own beside the live job, with "
                + "progress, and finish: an audit or a backfill, compared with bin/kappa diff <served> <keyspace>. "
                + "New logic to serve is a new version instead (bin/kappa version start).",
            "Job options after -- go to the job, e.g.: bin/kappa replay --keyspace audit_1 -- --window 5m"})
public class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    Connections connections = new Connections();

    @Option(names = "--keyspace", required = true, description = "the new output version")
    String keyspace;

    @Option(names = "--from", description = "start at this record time (ISO-8601) instead of offset zero")
    String from;

    @Option(names = "--replay-runtime", defaultValue = "streaming", description = "streaming | batch (default: ${DEFAULT-VALUE})")
    String runtime;

    @Option(names = "--parallelism", defaultValue = "2", description = "(default: ${DEFAULT-VALUE})")
    int parallelism;


    @Option(names = "--jar", description = "the job jar (default: job/target/kappa-job.jar)")
    Path jar;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--allow-truncated-history", description = "replay even when the input topics no longer start at "
            + "offset zero (retention deleted their beginning), with a warning; default: refuse")
    boolean allowTruncatedHistory;

    @Parameters(paramLabel = "JOB_OPTION", description = "further job options (topics, addresses, windows: see the "
            + "job's --help); --mode, --keyspace and --from are set by this command")
    List<String> jobArgs = new ArrayList<>();

    /**
     * The job pointed at the same servers as this command ({@link Connections}), then the user's job options after
     * {@code --} (which win), then this command's: replay mode, the keyspace, the runtime and --from.
     */
    JobArgs jobArgs() {
        List<String> all = new ArrayList<>(connections.pointJobAt(JobArgs.replay()).toList());
        all.addAll(jobArgs);
        JobArgs args = JobArgs.of(all).mode(JobOptions.Mode.replay).keyspace(keyspace).replayRuntime(runtime());
        return from == null ? args : args.with(o -> o.from = from); // as given: the job reads ISO-8601 or epoch ms
    }

    private JobOptions.ReplayRuntime runtime() {
        try {
            return JobOptions.ReplayRuntime.valueOf(runtime.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--replay-runtime must be streaming or batch, was '" + runtime + "'");
        }
    }

    @Override
    public Integer call() {
        JobArgs args = jobArgs();
        Path jobJar = jar != null ? jar : KappaCli.home().resolve("job/target/kappa-job.jar");
        PrintWriter out = spec.commandLine().getOut();
        Replay.Outcome o = Replay.run(new JobRunner(connections.flinkUrl), jobJar, args, parallelism,
                quiet ? null : spec.commandLine().getErr(), allowTruncatedHistory);
        out.printf("  replay %s into %s: %,d records in %.1f s (%,.0f records/s)%n", o.state(), keyspace,
                o.records(), o.seconds(), o.records() / Math.max(o.seconds(), 1e-3));
        if (!o.state().equals("FINISHED")) {
            return 1;
        }
        String serving = Serving.served(args.parse().cassandra());
        out.println("  next: bin/kappa diff " + serving + " " + keyspace
                + "   (to serve new logic, start it as a version: bin/kappa version start NAME)");
        return 0;
    }
}
