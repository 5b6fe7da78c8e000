package io.kappa.client.kafka;

import io.kappa.client.Deadline;

import io.kappa.kafka.KafkaReplication;
import io.kappa.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Kafka topics: creating them so that they can be written to at once, deleting and listing them.
 *
 * <p>A topic that {@code createTopics} has just acknowledged is not yet writable everywhere: the controller has
 * recorded it, but a broker applies that to its partitions a moment later, and a produce request that arrives in
 * between is refused with NOT_LEADER_OR_FOLLOWER. With several requests in flight, an idempotent producer can then
 * be stuck retrying its first batch for ever (KAFKA-14359, KAFKA-15591). So {@link #create} returns only when every
 * partition of every topic it was asked for has a leader that answers for it (a list-offsets request, which only the
 * partition's leader answers, succeeds), and the producers ({@link Producers}) never have two requests in flight.
 */
public final class Topics {
    /**
     * What an input topic is created with: kept for ever, since the log is the source of truth that every replay and
     * new version recomputes from (a topic with Kafka's default 7 days loses history silently).
     */
    public static final Map<String, String> INPUT_TOPIC_CONFIGS = Map.of("retention.ms", "-1", "retention.bytes", "-1");

    /** How long {@link #create} waits for the new partitions to get a leader that answers. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private Topics() {}

    public static Admin admin(KafkaSettings kafka) {
        Properties p = kafka.clientProperties();
        p.put("request.timeout.ms", 10_000);
        p.put("default.api.timeout.ms", 15_000);
        return Admin.create(p);
    }

    /**
     * Creates the topics that do not exist yet and waits until every partition of every named topic (new or not)
     * can be written to. Returns the names it created.
     *
     * @param replication the replication factor, or {@link KafkaReplication#AUTOMATIC} for as many replicas as there
     *                    are brokers, at most 3; at 3 replicas or more a topic gets {@code min.insync.replicas=2}
     * @throws IllegalStateException one line saying what is wrong and what to try
     */
    public static List<String> create(KafkaSettings kafka, List<String> names, int partitions, short replication) {
        return create(kafka, names, partitions, replication, Map.of());
    }

    /** As {@link #create(KafkaSettings, List, int, short)}, with topic configs for the new topics (they win). */
    public static List<String> create(KafkaSettings kafka, List<String> names, int partitions, short replication,
                                      Map<String, String> configs) {
        try (Admin admin = admin(kafka)) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<String> absent = names.stream().filter(n -> !existing.contains(n)).distinct().toList();
            List<NewTopic> missing = new ArrayList<>();
            if (!absent.isEmpty()) {
                short factor = replication != KafkaReplication.AUTOMATIC ? replication
                        : KafkaReplication.factorFor(admin.describeCluster().nodes().get(15, TimeUnit.SECONDS).size());
                Map<String, String> all = new HashMap<>(KafkaReplication.topicConfigs(factor));
                all.putAll(configs);
                absent.forEach(name -> missing.add(new NewTopic(name, partitions, factor).configs(all)));
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e; // another client created one of them meanwhile: fine, it exists
                    }
                }
            }
            awaitWritable(admin, kafka, names, READY_TIMEOUT);
            return missing.stream().map(NewTopic::name).toList();
        } catch (TimeoutException e) {
            throw unreachable(kafka, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.InvalidReplicationFactorException) {
                throw new IllegalStateException("cannot create " + names + " with replication factor " + replication
                        + ": " + e.getCause().getMessage() + " (--replication-factor at most the number of brokers)");
            }
            throw unreachable(kafka, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + names);
        }
    }

    /** Deletes those of the topics that exist and waits until they are gone; returns the names it deleted. */
    public static List<String> delete(KafkaSettings kafka, List<String> names) {
        try (Admin admin = admin(kafka)) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<String> old = names.stream().filter(existing::contains).toList();
            if (!old.isEmpty()) {
                admin.deleteTopics(old).all().get(30, TimeUnit.SECONDS);
                Deadline.await("topics " + old + " to be deleted", Duration.ofSeconds(60), () -> {
                    try {
                        return admin.listTopics().names().get(5, TimeUnit.SECONDS).stream().noneMatch(old::contains);
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
            return old;
        } catch (TimeoutException | ExecutionException e) {
            throw unreachable(kafka, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting topics " + names);
        }
    }

    private static IllegalStateException unreachable(KafkaSettings kafka, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers() + " (--bootstrap-servers): "
                + "is it running? (bin/kappa status) [" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "]");
    }

    /**
     * Waits until every partition of the topics has a leader and that leader answers a list-offsets request for it
     * (which a broker refuses until it has taken the partition on).
     *
     * @throws IllegalStateException naming the topic and partition that are not ready when the timeout passes
     */
    public static void awaitWritable(Admin admin, KafkaSettings kafka, Collection<String> topics, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String notReady = "";
        long pause = 20;
        while (true) {
            notReady = whyNotWritable(admin, topics);
            if (notReady == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " on " + kafka.bootstrapServers() + " are not "
                        + "writable after " + timeout.toSeconds() + " s: " + notReady
                        + "; check the brokers with bin/kappa status and their logs");
            }
            Thread.sleep(pause);
            pause = Math.min(500, pause * 2);
        }
    }

    /** Null when every partition can be written to, else what is missing. */
    static String whyNotWritable(Admin admin, Collection<String> topics) {
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "cannot describe them (" + rootMessage(e) + ")";
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription d : described.values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() == null || p.leader().id() < 0) {
                    return d.name() + " partition " + p.partition() + " has no leader";
                }
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            }
        }
        try {
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return null;
        } catch (Exception e) {
            return "a partition leader does not answer yet (" + rootMessage(e) + ")";
        }
    }

    private static String rootMessage(Exception e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Partition counts of every topic, by name. */
    public static Map<String, Integer> partitionCounts(KafkaSettings kafka) {
        try (Admin admin = admin(kafka)) {
            Set<String> names = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            Map<String, Integer> counts = new java.util.TreeMap<>();
            admin.describeTopics(names).allTopicNames().get(15, TimeUnit.SECONDS)
                    .forEach((n, d) -> counts.put(n, d.partitions().size()));
            return counts;
        } catch (TimeoutException | ExecutionException e) {
            throw unreachable(kafka, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics");
        }
    }
}
