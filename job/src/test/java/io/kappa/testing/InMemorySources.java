package io.kappa.testing;

import io.kappa.core.Sources;
import io.kappa.core.RawRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Records given by the test, through the same watermark strategies the Kafka source uses and, like the Kafka source,
 * with a watermark per partition: the records of each partition (in the order given) come from a source of their own
 * with its own watermark generator, and the partitions are unioned, so downstream the watermark is the minimum over
 * partitions; and all the records of a partition go to the same downstream subtask, in order, as they do from a Kafka
 * source subtask.
 */
public class InMemorySources implements Sources {
    private static final long serialVersionUID = 1L;
    private final ArrayList<RawRecord> words;
    private final ArrayList<RawRecord> weather;

    public InMemorySources(List<RawRecord> words) {
        this(words, List.of());
    }

    public InMemorySources(List<RawRecord> words, List<RawRecord> weather) {
        this.words = new ArrayList<>(words);
        this.weather = new ArrayList<>(weather);
    }

    @Override
    public DataStream<RawRecord> words(StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> watermarks) {
        return perPartition(env, words, watermarks);
    }

    @Override
    public DataStream<RawRecord> weather(StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> watermarks) {
        return perPartition(env, weather, watermarks);
    }

    private static DataStream<RawRecord> perPartition(StreamExecutionEnvironment env, List<RawRecord> records,
                                                      WatermarkStrategy<RawRecord> watermarks) {
        java.util.Map<String, List<RawRecord>> partitions = new java.util.TreeMap<>();
        for (RawRecord r : records) {
            partitions.computeIfAbsent(r.topic + ":" + r.partition, p -> new ArrayList<>()).add(r);
        }
        if (partitions.isEmpty()) {
            partitions.put("empty", List.of());
        }
        DataStream<RawRecord> union = null;
        for (List<RawRecord> partition : partitions.values()) {
            DataStream<RawRecord> one = env.fromData(partition, TypeInformation.of(RawRecord.class))
                    .assignTimestampsAndWatermarks(watermarks);
            union = union == null ? one : union.union(one);
        }
        // like a Kafka source subtask, one downstream subtask reads all of a partition, in order
        return union.partitionCustom((Integer partition, int subtasks) -> partition % subtasks, r -> r.partition);
    }
}
