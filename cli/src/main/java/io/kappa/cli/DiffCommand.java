package io.kappa.cli;

import io.kappa.client.Diff;
import io.kappa.client.WordCounts;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare the word counts of two output versions (keyspaces): rows equal, only in one, different.")
public class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connections connections = new Connections();

    @Parameters(index = "0", paramLabel = "LEFT", description = "keyspace, e.g. kappa")
    String left;

    @Parameters(index = "1", paramLabel = "RIGHT", description = "keyspace, e.g. kappa_replay")
    String right;

    @Override
    public Integer call() {
        Diff diff = Diff.compare(rows(left), rows(right));
        diff.report(left, right).forEach(spec.commandLine().getOut()::println);
        return diff.identical() ? 0 : 4;
    }

    private Map<String, Long> rows(String keyspace) {
        try (WordCounts counts = new WordCounts(connections.cassandra(keyspace, 1))) {
            return counts.all();
        }
    }
}
