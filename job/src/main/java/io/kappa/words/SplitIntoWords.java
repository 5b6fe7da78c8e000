package io.kappa.words;

import io.kappa.core.DeadLetter;
import io.kappa.core.Metrics;
import io.kappa.core.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits a line into normalised words ({@link TextNormaliser}) and emits them with their numbers of occurrences: an
 * ASCII line no longer than the word limit word by word, each with 1, as they are found; any other line each distinct
 * word once with its number (a line's words share its event time, so either way no window's count changes: the
 * {@link PreAggregateWordsPerWindow} after it sums them). Counts words in the {@code wordsSplit} metric.
 *
 * <p>A line with a word longer than {@code maxWordBytes} bytes of UTF-8 is a dead letter, whole (a row keyed by such
 * a word would be refused by Cassandra, whose key components are limited to 64 KiB, and no half of a line is
 * counted). A line that event time found too late ({@link RawRecord#isTooLate()}) is not counted: its words go to
 * {@link #TOO_LATE} as {@link LateWord}s naming the record (docs/semantics.md, rule 2).
 */
public class SplitIntoWords extends ProcessFunction<TextLine, WordCount> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("over-long-word-dead-letters") {};
    public static final OutputTag<LateWord> TOO_LATE = new OutputTag<>("too-late-words") {};
    public static final String TOO_LATE_REASON = "too late";

    private final int maxWordBytes;
    private final long windowMillis;
    private transient Counter wordsSplit;
    private transient Counter lateWords;
    private transient Counter malformedRecords;

    public SplitIntoWords(int maxWordBytes, long windowMillis) {
        this.maxWordBytes = maxWordBytes;
        this.windowMillis = windowMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        wordsSplit = getRuntimeContext().getMetricGroup().counter(Metrics.WORDS_SPLIT);
        lateWords = getRuntimeContext().getMetricGroup().counter(Metrics.LATE_WORDS);
        malformedRecords = getRuntimeContext().getMetricGroup().counter(Metrics.MALFORMED_RECORDS);
    }

    @Override
    public void processElement(TextLine line, Context ctx, Collector<WordCount> out) {
        RawRecord r = line.source;
        if (!r.isTooLate() && line.text.length() <= maxWordBytes && TextNormaliser.isAscii(line.text)) {
            // no word of an ASCII line can be longer than the line: each word goes on as it is found, no list, no
            // per-line map (the pre-aggregation that follows sums them; the replay's hot path)
            TextNormaliser.asciiWords(line.text, word -> {
                wordsSplit.inc();
                out.collect(new WordCount(word, 1));
            });
            return;
        }
        List<String> words;
        try {
            words = TextNormaliser.words(line.text);
        } catch (RuntimeException | StackOverflowError e) { // no rule foresees it: keep the record, go on
            malformedRecords.inc();
            ctx.output(DEAD_LETTERS, DeadLetter.unprocessable(line.source, e));
            return;
        }
        String tooLong = overLong(words, maxWordBytes);
        if (tooLong != null) {
            malformedRecords.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(line.source, tooLong));
            return;
        }
        Map<String, Long> counts = new HashMap<>();
        for (String word : words) {
            counts.merge(word, 1L, Long::sum);
        }
        if (r.isTooLate()) {
            long start = TimeWindow.getWindowStartWithOffset(r.timestamp, 0, windowMillis);
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                lateWords.inc(e.getValue());
                ctx.output(TOO_LATE, new LateWord(e.getKey(), e.getValue(), r.timestamp, start, start + windowMillis,
                        r.tooLateAt, r.topic, r.partition, r.offset, TOO_LATE_REASON));
            }
            return;
        }
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            wordsSplit.inc(e.getValue());
            out.collect(new WordCount(e.getKey(), e.getValue()));
        }
    }

    /** The dead-letter reason when a word is longer than the limit, else null. */
    static String overLong(List<String> words, int maxWordBytes) {
        for (String word : words) {
            // a UTF-8 byte count is at most 3 per char; only measure words that could be over
            if (word.length() * 3 > maxWordBytes) {
                int bytes = word.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > maxWordBytes) {
                    return "line has a word of " + bytes + " bytes, longer than the limit of " + maxWordBytes
                            + " bytes (--max-word-bytes)";
                }
            }
        }
        return null;
    }
}
