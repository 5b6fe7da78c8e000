package io.kappa.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create or list Kafka topics.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class})
public class TopicsCommand {

    public static final List<String> JOB_TOPICS = List.of("words", "words-late", "weather", "weather-late", "dead-letters");

    static Admin admin(Connections c) {
        Properties p = c.kafka().clientProperties();
        p.put("request.timeout.ms", 10_000);
        p.put("default.api.timeout.ms", 15_000);
        return Admin.create(p);
    }

    /** Creates the topics that do not exist yet; returns the names it created. */
    public static List<String> create(Connections c, List<String> names, int partitions, short replication) {
        try (Admin admin = admin(c)) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replication));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot reach Kafka at " + c.bootstrapServers + " (--bootstrap-servers): "
                    + "is it running? (bin/kappa status) [" + e.getMessage() + "]");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create topics that do not exist yet (default: the job's words, words-late, weather, weather-late, dead-letters).")
    static class Create implements Callable<Integer> {
        @Mixin
        Connections connections = new Connections();
        @Option(names = "--partitions", defaultValue = "2", description = "partitions per topic (default: ${DEFAULT-VALUE})")
        int partitions;
        @Option(names = "--replication-factor", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        short replication;
        @Parameters(arity = "0..*", paramLabel = "TOPIC", description = "topic names")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            if (partitions < 1) {
                throw new IllegalArgumentException("--partitions must be at least 1");
            }
            List<String> wanted = names.isEmpty() ? JOB_TOPICS : names;
            List<String> created = create(connections, wanted, partitions, replication);
            for (String t : wanted) {
                System.out.println("  " + t + (created.contains(t) ? "  created (" + partitions + " partitions)" : "  exists"));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List topics and their partition counts.")
    static class ListTopics implements Callable<Integer> {
        @Mixin
        Connections connections = new Connections();

        @Override
        public Integer call() throws Exception {
            try (Admin admin = admin(connections)) {
                Set<String> names = new TreeSet<>(admin.listTopics().names().get(15, TimeUnit.SECONDS));
                var descriptions = admin.describeTopics(names).allTopicNames().get(15, TimeUnit.SECONDS);
                for (String n : names) {
                    System.out.println("  " + n + "  (" + descriptions.get(n).partitions().size() + " partitions)");
                }
            }
            return 0;
        }
    }
}
