package io.kappa.words;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Splits a line into normalised words ({@link TextNormaliser}) and emits each distinct word of the line once
 * with its number of occurrences: a line's words share its event time, so this pre-aggregation before the
 * shuffle changes no window's count. Counts words in the {@code wordsSplit} metric.
 */
public class SplitIntoWords extends RichFlatMapFunction<String, WordCount> {
    private static final long serialVersionUID = 1L;
    private transient Counter wordsSplit;

    @Override
    public void open(OpenContext openContext) {
        wordsSplit = getRuntimeContext().getMetricGroup().counter("wordsSplit");
    }

    @Override
    public void flatMap(String line, Collector<WordCount> out) {
        Map<String, Long> counts = new HashMap<>();
        for (String word : TextNormaliser.words(line)) {
            counts.merge(word, 1L, Long::sum);
        }
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            wordsSplit.inc(e.getValue());
            out.collect(new WordCount(e.getKey(), e.getValue()));
        }
    }
}
