package io.kappa.cli;

import io.kappa.stack.FlinkCli;
import io.kappa.stack.StackConfig;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code bin/kappa flink …} (and {@code bin/flink …}): Flink's own CLI against the local session cluster.
 * Its arguments go to Flink untouched, so it is dispatched before picocli parses anything.
 */
@Command(name = "flink", description = {"Flink's own CLI (run, list, cancel, stop, savepoint, info) against the local "
        + "session cluster, for machines without a Flink download. bin/flink is the same.",
    "  e.g. bin/kappa flink run -d job/target/kappa-job.jar --mode live",
    "Everything after 'flink' goes to Flink: bin/kappa flink --help shows Flink's help."})
public class FlinkCommand implements Runnable {

    public static int run(List<String> args) {
        return FlinkCli.runInteractive(StackConfig.defaults(KappaCli.home()), args);
    }

    @Override
    public void run() {
        // dispatched in KappaCli.execute
    }
}
