package io.kappa.words;

import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Counts each word per tumbling event-time window. A window fires when the watermark passes its end; a record
 * that arrives within the allowed lateness fires it again with the updated count (same key, so the row is
 * upserted); a record later than that comes out of {@link Output#late()} instead of being dropped. Window
 * state is cleared once the allowed lateness has passed.
 */
public class CountWordsPerWindow {
    public static final String UID = "count-words-per-window";
    static final OutputTag<WordCount> TOO_LATE = new OutputTag<>("too-late-words") {};

    private final Duration windowSize;
    private final Duration allowedLateness;

    public CountWordsPerWindow(Duration windowSize, Duration allowedLateness) {
        this.windowSize = windowSize;
        this.allowedLateness = allowedLateness;
    }

    /** What the transform produces: the counts, and the words that came too late. */
    public record Output(DataStream<WindowedWordCount> counts, DataStream<LateWord> late) {}

    public Output expand(DataStream<WordCount> words) {
        SingleOutputStreamOperator<WindowedWordCount> counts = words
                .keyBy(w -> w.word)
                .window(TumblingEventTimeWindows.of(windowSize))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(TOO_LATE)
                .aggregate(new SumCounts(), new EmitWindowedCount())
                .name("Count words per window").uid(UID);
        DataStream<LateWord> late = counts.getSideOutput(TOO_LATE)
                .process(new DescribeLateWords(windowSize.toMillis()))
                .name("Describe late words").uid("describe-late-words");
        return new Output(counts, late);
    }

    /** Sums the occurrences of a word; the window state is one long per (word, window). */
    public static class SumCounts implements AggregateFunction<WordCount, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(WordCount value, Long acc) {
            return acc + value.count;
        }

        @Override
        public Long getResult(Long acc) {
            return acc;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    /** Attaches the word and its window to a sum. */
    public static class EmitWindowedCount extends ProcessWindowFunction<Long, WindowedWordCount, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(String word, Context ctx, Iterable<Long> sums, Collector<WindowedWordCount> out) {
            long count = sums.iterator().next();
            out.collect(new WindowedWordCount(ctx.window().getStart(), ctx.window().getEnd(), word, count));
        }
    }

    /** Says which window a too-late word belonged to, and counts it in the {@code lateWords} metric. */
    public static class DescribeLateWords extends ProcessFunction<WordCount, LateWord> {
        private static final long serialVersionUID = 1L;
        private final long windowMillis;
        private transient org.apache.flink.metrics.Counter lateWords;

        DescribeLateWords(long windowMillis) {
            this.windowMillis = windowMillis;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
            lateWords = getRuntimeContext().getMetricGroup().counter("lateWords");
        }

        @Override
        public void processElement(WordCount w, Context ctx, Collector<LateWord> out) {
            long ts = ctx.timestamp();
            long start = TimeWindow.getWindowStartWithOffset(ts, 0, windowMillis);
            lateWords.inc(w.count);
            out.collect(new LateWord(w.word, w.count, ts, start, start + windowMillis,
                    ctx.timerService().currentWatermark()));
        }
    }
}
