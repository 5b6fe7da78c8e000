package io.kappa.weather;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes a reading on only if it beats every earlier reading of its city ({@link ReadingKey#wins}: the newer
 * {@code dt}, and between two different readings with the same {@code dt}, the one with the larger key), so an older
 * reading that arrives late never replaces a newer one, and the winner does not depend on arrival order. (The
 * Cassandra row is also written with {@link Observation#writeTime}, which protects it across replays and restarts.)
 * State: the winner's {@code (dt, key)} per city.
 */
public class KeepLatestPerCity extends KeyedProcessFunction<Long, Observation, Observation> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Tuple2<Long, Long>> winner;

    @Override
    public void open(OpenContext openContext) {
        winner = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-dt-and-key",
                TypeInformation.of(new TypeHint<Tuple2<Long, Long>>() {})));
    }

    @Override
    public void processElement(Observation o, Context ctx, Collector<Observation> out) throws Exception {
        Tuple2<Long, Long> best = winner.value();
        long dt = o.observedAt / 1000;
        if (best == null || ReadingKey.wins(dt, o.key, best.f0, best.f1)) {
            winner.update(Tuple2.of(dt, o.key));
            out.collect(o);
        }
    }
}
