package io.kappa.job;

import io.kappa.core.Sources;
import io.kappa.kafka.KafkaSources;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Everything that differs between live and replay, and nothing else: the source bounds and the runtime
 * settings (replays never mark a partition idle: {@link JobOptions#eventTime()}). The topology itself ({@link KappaTopology}) is the same for both.
 */
public final class RunMode {
    private RunMode() {}

    public static Sources sources(JobOptions o) {
        return o.mode == JobOptions.Mode.live
                ? KafkaSources.live(o.kafka(), o.wordsTopic, o.weatherTopic, o.groupId, o.partitionDiscovery)
                : KafkaSources.replay(o.kafka(), o.wordsTopic, o.weatherTopic, o.wordsFromMillis(), o.weatherFromMillis());
    }

    public static void configure(StreamExecutionEnvironment env, JobOptions o) {
        // chained operators hand each other their objects instead of copying them: every operator makes the objects
        // it emits and keeps none it was given (docs/benchmarks.md)
        env.getConfig().enableObjectReuse();
        Configuration conf = new Configuration();
        if (o.checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, o.checkpointDir);
        }
        if (o.mode == JobOptions.Mode.live) {
            conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
            // kept when the job is cancelled, so that a live job can always be resumed (flink run -s <chk>)
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            env.configure(conf);
            env.enableCheckpointing(o.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        } else if (o.replayRuntime == JobOptions.ReplayRuntime.batch) {
            // BATCH recovers by running failed stages again from their persisted inputs: no checkpoints
            conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
            env.configure(conf);
        } else {
            // a STREAMING replay checkpoints too: one that loses a TaskManager goes on from its last checkpoint, not
            // from offset zero (and still finishes by itself: RestorableBoundedKafkaSource)
            conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
            env.configure(conf);
            env.enableCheckpointing(o.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
    }
}
