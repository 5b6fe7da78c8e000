package io.kappa.kafka;

import java.util.Map;

/**
 * How many copies a topic keeps, and how many must have a write before a producer with {@code acks=all} is told it is
 * written: as many replicas as there are brokers, at most 3, and {@code min.insync.replicas=2} at 3 replicas, so that
 * one broker can be lost (or restarted) without losing a write or refusing one. The same rule for the topics the CLI
 * creates, the job's side topics and the brokers' own internal topics.
 */
public final class KafkaReplication {
    /** A replication factor of 0 asks for {@link #factorFor}. */
    public static final short AUTOMATIC = 0;

    private KafkaReplication() {}

    /** min(3, brokers), at least 1. */
    public static short factorFor(int brokers) {
        return (short) Math.max(1, Math.min(3, brokers));
    }

    /** 2 where a topic has 3 replicas or more, else 1 (Kafka's default). */
    public static int minInSyncReplicas(int replicationFactor) {
        return replicationFactor >= 3 ? 2 : 1;
    }

    /** The topic configs that go with the replication factor: {@code min.insync.replicas} where it is not 1. */
    public static Map<String, String> topicConfigs(int replicationFactor) {
        int minIsr = minInSyncReplicas(replicationFactor);
        return minIsr == 1 ? Map.of() : Map.of("min.insync.replicas", Integer.toString(minIsr));
    }
}
