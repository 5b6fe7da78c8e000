package io.kappa.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.AuthenticationException;

/** Start-up checks against Kafka, so that a wrong address or a missing topic fails fast and says which option. */
public final class KafkaTopics {
    private KafkaTopics() {}

    /**
     * @param topicsByOption topic name by the option that named it, e.g. {@code --words-topic -> words}
     * @throws IllegalStateException with one line naming the problem and the option
     */
    public static void requireExist(KafkaSettings kafka, Map<String, String> topicsByOption, long timeoutMillis) {
        Properties props = kafka.clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing;
            try {
                existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AuthenticationException) {
                    throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " refused the login ("
                            + e.getCause().getMessage() + "): check --kafka-properties-file or KAPPA_KAFKA_* "
                            + "(docs/security.md)");
                }
                throw unreachable(kafka, timeoutMillis);
            } catch (TimeoutException e) {
                throw unreachable(kafka, timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking Kafka topics");
            }
            for (Map.Entry<String, String> e : topicsByOption.entrySet()) {
                if (!existing.contains(e.getValue())) {
                    throw new IllegalStateException("topic '" + e.getValue() + "' (" + e.getKey()
                            + ") does not exist on " + kafka.bootstrapServers()
                            + ": create it with bin/kappa topics create");
                }
            }
        }
    }

    /**
     * Creates the side topics that do not exist yet, with the partition count and replication factor of
     * {@code like} (an input topic) and the {@code min.insync.replicas} that goes with it ({@link KafkaReplication}),
     * and waits until each partition has a leader.
     */
    public static void createMissing(KafkaSettings kafka, Collection<String> topics, String like, long timeoutMillis) {
        try (Admin admin = admin(kafka, timeoutMillis)) {
            Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : new LinkedHashSet<>(topics)) {
                if (!existing.contains(t)) {
                    TopicDescription d = admin.describeTopics(List.of(like)).allTopicNames()
                            .get(timeoutMillis, TimeUnit.MILLISECONDS).get(like);
                    short replication = (short) d.partitions().get(0).replicas().size();
                    missing.add(new NewTopic(t, d.partitions().size(), replication)
                            .configs(KafkaSinks.sideTopicConfigs(replication)));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            long deadline = System.currentTimeMillis() + timeoutMillis;
            for (NewTopic t : missing) {
                while (!hasLeaders(admin, t.name(), timeoutMillis)) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("side topic " + t.name() + " has no leader for every partition "
                                + "after " + timeoutMillis / 1000 + "s: check the brokers (bin/kappa status)");
                    }
                    Thread.sleep(100);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the side topics " + topics + " on " + kafka.bootstrapServers()
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + " (create them with bin/kappa topics create)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the side topics");
        }
    }

    private static boolean hasLeaders(Admin admin, String topic, long timeoutMillis) {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeoutMillis, TimeUnit.MILLISECONDS).get(topic);
            return d.partitions().stream().allMatch(p -> p.leader() != null && p.leader().id() >= 0);
        } catch (Exception e) {
            return false; // not known to this broker yet
        }
    }

    /**
     * The partitions of {@code topics} for which consumer group {@code group} has committed an offset past the
     * partition's first one: a live job that starts there without state would miss what came before.
     */
    public static Map<TopicPartition, Long> committedPastStart(KafkaSettings kafka, String group,
                                                                Collection<String> topics, long timeoutMillis) {
        try (Admin admin = admin(kafka, timeoutMillis)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeoutMillis, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            committed.forEach((tp, om) -> {
                if (om != null && topics.contains(tp.topic())) {
                    earliest.put(tp, OffsetSpec.earliest());
                }
            });
            if (earliest.isEmpty()) {
                return Map.of();
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                    admin.listOffsets(earliest).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> past = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            starts.forEach((tp, start) -> {
                long offset = committed.get(tp).offset();
                if (offset > start.offset()) {
                    past.put(tp, offset);
                }
            });
            return past;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the committed offsets of consumer group " + group + " on "
                    + kafka.bootstrapServers() + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading committed offsets");
        }
    }

    private static Admin admin(KafkaSettings kafka, long timeoutMillis) {
        Properties props = kafka.clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        return Admin.create(props);
    }

    private static IllegalStateException unreachable(KafkaSettings kafka, long timeoutMillis) {
        return new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers()
                + " (--bootstrap-servers) within " + timeoutMillis / 1000 + "s: is it running? (bin/kappa status)");
    }
}
