package io.kappa.core;

import java.io.Serializable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the topology's input comes from. Production: Kafka, bounded or not by the run mode
 * (KafkaSources, in the kafka package above this one); tests: in-memory records.
 */
public interface Sources extends Serializable {
    /**
     * The text-line records, with the given watermark strategy applied at the source, per Kafka partition (the
     * watermark of a partition must never run ahead of what its own records say: docs/semantics.md, rule 1).
     */
    DataStream<RawRecord> words(StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> watermarks);

    /** The weather documents, with the given watermark strategy (event time from inside the document) at the source. */
    DataStream<RawRecord> weather(StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> watermarks);
}
