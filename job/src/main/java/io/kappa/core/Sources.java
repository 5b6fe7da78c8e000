package io.kappa.core;

import java.io.Serializable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the topology's input comes from. Production: Kafka, bounded or not by the run mode
 * ({@link io.kappa.kafka.KafkaSources}); tests: in-memory records.
 */
public interface Sources extends Serializable {
    /** The text-line records, with the given watermark strategy applied at the source. */
    DataStream<RawRecord> words(StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> watermarks);

    /** The weather documents; their event time is inside the document, so no watermarks here. */
    DataStream<RawRecord> weather(StreamExecutionEnvironment env);
}
