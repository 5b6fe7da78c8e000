package io.kappa.weather;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes a reading on only if it is newer than every earlier reading of its city, so an older reading that
 * arrives late never replaces a newer one. (The Cassandra row is also written with the observation time as
 * its write timestamp, which protects it across replays and restarts too.) State: one long per city.
 */
public class KeepLatestPerCity extends KeyedProcessFunction<Long, Observation, Observation> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Long> newest;

    @Override
    public void open(OpenContext openContext) {
        newest = getRuntimeContext().getState(new ValueStateDescriptor<>("newest-observed-at", Types.LONG));
    }

    @Override
    public void processElement(Observation o, Context ctx, Collector<Observation> out) throws Exception {
        Long seen = newest.value();
        if (seen == null || o.observedAt > seen) {
            newest.update(o.observedAt);
            out.collect(o);
        }
    }
}
