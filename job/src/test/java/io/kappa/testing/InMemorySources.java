package io.kappa.testing;

import io.kappa.core.Sources;
import io.kappa.core.RawRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Records given by the test, in order, through the same watermark strategy the Kafka source uses. */
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
        return env.fromData(words, TypeInformation.of(RawRecord.class))
                .assignTimestampsAndWatermarks(watermarks);
    }

    @Override
    public DataStream<RawRecord> weather(StreamExecutionEnvironment env) {
        return env.fromData(weather, TypeInformation.of(RawRecord.class));
    }
}
