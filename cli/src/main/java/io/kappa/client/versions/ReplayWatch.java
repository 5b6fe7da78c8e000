package io.kappa.client.versions;

import io.kappa.client.flink.FlinkRest;
import io.kappa.client.kafka.Offsets;

import io.kappa.core.Metrics;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows a replay's progress on the cluster: records read of its range from where its sources are now (a replay that
 * failed over and went on from a checkpoint does not start again at zero), and the share of the time since the last
 * look that its Cassandra sink held it back ({@link Metrics#CASSANDRA_THROTTLED_MILLIS} of the most throttled sink
 * subtask). Used by {@code bin/kappa replay}'s progress bar and by the dashboard.
 */
public final class ReplayWatch {
    private final FlinkRest rest;
    private final String jobId;
    private final Map<TopicPartition, Long> starts;
    private final Map<TopicPartition, Long> ends;
    private long lastThrottledMillis = -1;
    private long lastLookNanos;

    public ReplayWatch(FlinkRest rest, String jobId, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        this.rest = rest;
        this.jobId = jobId;
        this.starts = starts;
        this.ends = ends;
    }

    /** Records the replay reads in all. */
    public long total() {
        return Offsets.recordsBetween(starts, ends);
    }

    /** Where the replay is now, after {@code seconds}. */
    public ReplayProgress look(double seconds) {
        long read = Offsets.readSoFar(starts, ends, rest.sourceOffsets(jobId));
        long throttled = rest.metricMax(jobId, Metrics.CASSANDRA_THROTTLED_MILLIS);
        long now = System.nanoTime();
        double share = 0;
        if (lastThrottledMillis >= 0 && throttled >= lastThrottledMillis && now > lastLookNanos) {
            share = Math.min(1, (throttled - lastThrottledMillis) / ((now - lastLookNanos) / 1e6));
        }
        lastThrottledMillis = throttled; // it starts again from 0 after a failover: that look shows 0
        lastLookNanos = now;
        return new ReplayProgress(read, total(), seconds, share);
    }
}
