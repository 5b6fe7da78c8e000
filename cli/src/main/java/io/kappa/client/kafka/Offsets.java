package io.kappa.client.kafka;

import io.kappa.client.ClientException;

import io.kappa.kafka.KafkaSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets of topics: where they start (offset zero, or the first record at a time), where they end now, and how far a
 * consumer group is behind. The arithmetic is in {@link #recordsBetween} and {@link #lag}, apart from Kafka.
 */
public final class Offsets {
    private final KafkaSettings kafka;

    public Offsets(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    /**
     * Records of the topics between offset zero (or the first at {@code fromMillis}) and the end offsets as of now:
     * what a replay of them reads.
     *
     * @param fromMillis replay start time in epoch milliseconds, or null for offset zero
     */
    public long recordsToReplay(List<String> topics, Long fromMillis) {
        return read(topics, admin -> {
            List<TopicPartition> partitions = partitions(admin, topics);
            return recordsBetween(list(admin, partitions, fromMillis == null ? OffsetSpec.earliest()
                    : OffsetSpec.forTimestamp(fromMillis)), list(admin, partitions, OffsetSpec.latest()));
        });
    }

    /**
     * Where a replay of the topics starts in each partition: offset zero, or the first record at or after
     * {@code fromMillis} (-1 where there is none), as the job's source starts.
     */
    public Map<TopicPartition, Long> starts(List<String> topics, Long fromMillis) {
        return read(topics, admin -> list(admin, partitions(admin, topics),
                fromMillis == null ? OffsetSpec.earliest() : OffsetSpec.forTimestamp(fromMillis)));
    }

    /**
     * The partitions of the topics whose log no longer starts at offset zero (retention or compaction deleted its
     * beginning), with the first offset kept: what a replay "from offset zero" cannot read any more.
     */
    public Map<TopicPartition, Long> truncated(List<String> topics) {
        Map<TopicPartition, Long> truncated = new java.util.TreeMap<>(java.util.Comparator
                .comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        starts(topics, null).forEach((tp, first) -> {
            if (first > 0) {
                truncated.put(tp, first);
            }
        });
        return truncated;
    }

    /**
     * Refuses, in one line, to start reading topics from offset zero when their history is gone (or, when
     * {@code allowed}, writes that line to {@code warnings} and goes on): a replay or a new version would recompute
     * only what is left, silently.
     */
    public void requireWholeHistory(List<String> topics, boolean allowed, java.io.PrintWriter warnings) {
        Map<TopicPartition, Long> truncated = truncated(topics);
        if (truncated.isEmpty()) {
            return;
        }
        StringBuilder where = new StringBuilder();
        truncated.forEach((tp, first) -> where.append(where.length() == 0 ? "" : ", ").append(tp.topic()).append('-')
                .append(tp.partition()).append(" starts at offset ").append(first));
        String message = "history is gone from the input topics (" + where + "): reading from offset zero would "
                + "recompute only what is left. Keep input topics for ever (retention.ms=-1: bin/kappa topics create sets "
                + "it) or pass --allow-truncated-history to go on with what is left";
        if (!allowed) {
            throw new ClientException(message);
        }
        if (warnings != null) {
            warnings.println("kappa: warning: " + message);
            warnings.flush();
        }
    }

    /**
     * Records a job has read of a replay's range: per partition, from its start up to the offset after the last record
     * its source emitted ({@code current}, by {@code topic:partition}, as the Flink REST client's sourceOffsets gives them),
     * at most to the end. A job restored from a checkpoint goes on from there, so this does not start again at zero.
     */
    public static long readSoFar(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends,
                                 Map<String, Long> current) {
        long read = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            Long start = starts.get(e.getKey());
            long begin = start == null || start < 0 ? e.getValue() : start;
            Long at = current.get(e.getKey().topic() + ":" + e.getKey().partition());
            if (at != null) {
                read += Math.max(0, Math.min(at + 1, e.getValue()) - begin);
            }
        }
        return read;
    }

    /** Deletes a consumer group; false when there was none. */
    public static boolean deleteGroup(KafkaSettings kafka, String groupId) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.deleteConsumerGroups(List.of(groupId)).all().get(15, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                return false;
            }
            throw new IllegalStateException("cannot delete consumer group " + groupId + ": " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers() + " to delete group " + groupId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** Records in a topic, from offset zero to its end. */
    public long records(String topic) {
        return recordsToReplay(List.of(topic), null);
    }

    /** The end offset of every partition of the topics, as of now. */
    public Map<TopicPartition, Long> endOffsets(List<String> topics) {
        return read(topics, admin -> list(admin, partitions(admin, topics), OffsetSpec.latest()));
    }

    /**
     * How many records of the topics the consumer group has not committed yet, per partition: the end offset less
     * the committed one (the whole partition where the group has committed nothing).
     */
    public Map<TopicPartition, Long> lag(String groupId, List<String> topics) {
        return read(topics, admin -> {
            List<TopicPartition> partitions = partitions(admin, topics);
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS)
                    .forEach((tp, o) -> committed.put(tp, o == null ? null : o.offset()));
            Map<TopicPartition, Long> starts = list(admin, partitions, OffsetSpec.earliest());
            return lag(committed, starts, list(admin, partitions, OffsetSpec.latest()));
        });
    }

    /**
     * Records from each partition's start to its end, summed. A start of -1 (no record at or after the time asked
     * for) counts as the end: nothing to read there.
     */
    public static long recordsBetween(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            long end = e.getValue();
            Long start = starts.get(e.getKey());
            long begin = start == null || start < 0 ? end : start;
            total += Math.max(0, end - begin);
        }
        return total;
    }

    /**
     * Per partition of {@code ends}: the end less the committed offset, or less the partition's start where nothing
     * is committed; never negative.
     */
    public static Map<TopicPartition, Long> lag(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> starts,
                                               Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> lag = new HashMap<>();
        ends.forEach((tp, end) -> {
            Long from = committed.get(tp) != null ? committed.get(tp) : starts.getOrDefault(tp, 0L);
            lag.put(tp, Math.max(0, end - from));
        });
        return lag;
    }

    /** A look-up on an admin client. */
    private interface Lookup<T> {
        T on(Admin admin) throws Exception;
    }

    private <T> T read(Collection<String> topics, Lookup<T> lookup) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return lookup.on(admin);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + topics + " on " + kafka.bootstrapServers()
                    + " (--bootstrap-servers): " + e.getMessage());
        }
    }

    private static List<TopicPartition> partitions(Admin admin, Collection<String> topics) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (var d : admin.describeTopics(topics).allTopicNames().get(15, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(i -> partitions.add(new TopicPartition(d.name(), i.partition())));
        }
        return partitions;
    }

    private static Map<TopicPartition, Long> list(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        partitions.forEach(tp -> wanted.put(tp, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(wanted).all().get(15, TimeUnit.SECONDS).forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }
}
