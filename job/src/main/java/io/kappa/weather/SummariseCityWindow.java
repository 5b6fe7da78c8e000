package io.kappa.weather;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * A city's readings in one window: count, min/max/avg temperature, max wind and the most frequent condition
 * (ties: alphabetical). One reading per {@code dt}: the winner of {@link ReadingKey#wins} among them (a reading
 * delivered twice counts once). The result does not depend on the order the readings arrived in.
 */
public class SummariseCityWindow extends ProcessWindowFunction<Observation, CityWindowSummary, Long, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(Long cityId, Context ctx, Iterable<Observation> readings, Collector<CityWindowSummary> out) {
        out.collect(summarise(readings, ctx.window().getStart(), ctx.window().getEnd()));
    }

    public static CityWindowSummary summarise(Iterable<Observation> readings, long windowStart, long windowEnd) {
        TreeMap<Long, Observation> byTime = new TreeMap<>(); // one per dt, and the order of the sums
        for (Observation o : readings) {
            byTime.merge(o.observedAt, o, (a, b) -> ReadingKey.wins(b.observedAt, b.key, a.observedAt, a.key) ? b : a);
        }
        List<Observation> distinct = new ArrayList<>(byTime.values());
        CityWindowSummary s = new CityWindowSummary();
        Observation first = distinct.get(0);
        s.cityId = first.cityId;
        s.city = distinct.get(distinct.size() - 1).city; // the newest reading's (only a document-described city varies)
        s.windowStart = windowStart;
        s.windowEnd = windowEnd;
        s.readings = distinct.size();
        s.minTempC = distinct.stream().mapToDouble(o -> o.tempC).min().orElseThrow();
        s.maxTempC = distinct.stream().mapToDouble(o -> o.tempC).max().orElseThrow();
        double sum = 0; // added one by one in dt order (DoubleStream.sum compensates, which the contract does not)
        for (Observation o : distinct) {
            sum += o.tempC;
        }
        s.avgTempC = Math.round(sum / distinct.size() * 100.0) / 100.0;
        s.maxWindKmh = distinct.stream().mapToDouble(o -> o.windKmh).max().orElseThrow();
        Map<String, Long> conditions = new TreeMap<>();
        distinct.forEach(o -> conditions.merge(o.condition, 1L, Long::sum));
        s.topCondition = conditions.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElseThrow();
        return s;
    }
}
