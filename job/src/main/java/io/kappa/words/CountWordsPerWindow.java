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
 * upserted). Window state is cleared once the allowed lateness has passed.
 *
 * <p>Which records are too late is decided before this operator, per partition ({@link MarkTooLateRecords}); the
 * watermark here (the minimum over partitions) never passes a partition's own, so what reaches this operator is on
 * time here too. The one exception is a partition that was idle (docs/semantics.md): its records may find their window
 * already closed on the other partitions' event time; they come out of {@link Output#late()} with that reason
 * instead of being dropped.
 */
public class CountWordsPerWindow {
    public static final String UID = "count-words-per-window";
    static final OutputTag<WordCount> CLOSED = new OutputTag<>("words-for-closed-windows") {};

    private final Duration windowSize;
    private final Duration allowedLateness;

    public CountWordsPerWindow(Duration windowSize, Duration allowedLateness) {
        this.windowSize = windowSize;
        this.allowedLateness = allowedLateness;
    }

    /** What the transform produces: the counts, and words that found their window closed (idle partitions). */
    public record Output(DataStream<WindowedWordCount> counts, DataStream<LateWord> late) {}

    public Output expand(DataStream<WordCount> words) {
        SingleOutputStreamOperator<WindowedWordCount> counts = words
                .keyBy(w -> w.word)
                .window(TumblingEventTimeWindows.of(windowSize))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(CLOSED)
                .aggregate(new SumCounts(), new EmitWindowedCount())
                .name("Count words per window").uid(UID);
        DataStream<LateWord> late = counts.getSideOutput(CLOSED)
                .process(new DescribeLateWords(windowSize.toMillis()))
                .name("Describe words for closed windows").uid("describe-late-words");
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

    /** Says which window a word closed under an idle partition belonged to, and counts it in {@code lateWords}. */
    public static class DescribeLateWords extends ProcessFunction<WordCount, LateWord> {
        private static final long serialVersionUID = 1L;
        private final long windowMillis;
        private transient org.apache.flink.metrics.Counter lateWords;

        DescribeLateWords(long windowMillis) {
            this.windowMillis = windowMillis;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
            lateWords = getRuntimeContext().getMetricGroup().counter(io.kappa.core.Metrics.LATE_WORDS);
        }

        @Override
        public void processElement(WordCount w, Context ctx, Collector<LateWord> out) {
            long ts = ctx.timestamp();
            long start = TimeWindow.getWindowStartWithOffset(ts, 0, windowMillis);
            lateWords.inc(w.count);
            out.collect(new LateWord(w.word, w.count, ts, start, start + windowMillis,
                    ctx.timerService().currentWatermark(), null, -1, -1, LateWord.IDLE_REASON));
        }
    }
}
