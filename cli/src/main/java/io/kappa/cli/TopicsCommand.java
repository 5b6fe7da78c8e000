package io.kappa.cli;

import io.kappa.client.kafka.JobTopics;
import io.kappa.client.kafka.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create or list Kafka topics.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class})
public class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create topics that do not exist yet (default: words, weather, and version kappa's side "
                    + "topics kappa-words-late, kappa-weather-late, kappa-dead-letters).",
                "Input topics are kept for ever (retention.ms=-1, retention.bytes=-1): a Kappa log is the source of "
                        + "truth that every replay and new version recomputes from."})
    static class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connections connections = new Connections();
        @Option(names = "--partitions", defaultValue = "2", description = "partitions per topic (default: ${DEFAULT-VALUE})")
        int partitions;
        @Option(names = "--replication-factor", defaultValue = "0",
                description = "copies of each partition; 0 (the default): as many as there are brokers, at most 3. "
                        + "At 3 or more a topic gets min.insync.replicas=2: it survives one lost broker without "
                        + "losing or refusing a write (acks=all)")
        short replication;
        @Parameters(arity = "0..*", paramLabel = "TOPIC", description = "topic names")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            if (partitions < 1) {
                throw new IllegalArgumentException("--partitions must be at least 1");
            }
            List<String> wanted = names.isEmpty() ? JobTopics.ALL : names;
            if (replication < 0) {
                throw new IllegalArgumentException("--replication-factor must be 0 (automatic) or more");
            }
            List<String> sides = wanted.stream().filter(JobTopics::isSideTopic).toList();
            List<String> created = new ArrayList<>(Topics.create(connections.kafka(),
                    wanted.stream().filter(t -> !JobTopics.isSideTopic(t)).toList(), partitions, replication,
                    Topics.INPUT_TOPIC_CONFIGS));
            created.addAll(Topics.create(connections.kafka(), sides, partitions, replication,
                    io.kappa.kafka.KafkaSinks.SIDE_TOPIC_CONFIGS));
            for (String t : wanted) {
                spec.commandLine().getOut().println("  " + t + (!created.contains(t) ? "  exists"
                        : "  created (" + partitions + " partitions" + (JobTopics.isSideTopic(t) ? ")"
                        : "; kept for ever, retention.ms=-1: the log is what a replay recomputes from)")));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List topics and their partition counts.")
    static class ListTopics implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connections connections = new Connections();

        @Override
        public Integer call() throws Exception {
            Topics.partitionCounts(connections.kafka())
                    .forEach((n, count) -> spec.commandLine().getOut().println("  " + n + "  (" + count + " partitions)"));
            return 0;
        }
    }
}
