package io.kappa.words;

import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The word count as one composite transform: mark too-late records (per partition) → decode lines → split into
 * words → pre-aggregate per window → count per event-time window; too-late records' words and bad records come out
 * on their own.
 * It knows nothing of Kafka, Cassandra or the run mode: the same code serves live, replay and the tests.
 */
public class WordCountPipeline {

    /**
     * The knobs of the word count; validated by the job's options.
     *
     * @param rangeStart event time where the input starts (a replay --from, aligned to the window), or
     *                   {@link Long#MIN_VALUE}
     * @param inputEnds  whether the input ends (a replay): the end of its event time is then the end of its input, not
     *                   only a drain (see {@link CountWordsPerWindow})
     */
    public record Settings(Duration window, Duration allowedLateness, Duration outOfOrderness, int maxLineBytes,
                           int maxWordBytes, long rangeStart, boolean inputEnds) implements Serializable {
        /** No range: the whole input, which does not end. */
        public Settings(Duration window, Duration allowedLateness, Duration outOfOrderness, int maxLineBytes,
                        int maxWordBytes) {
            this(window, allowedLateness, outOfOrderness, maxLineBytes, maxWordBytes, Long.MIN_VALUE, false);
        }
    }

    /** Counts (upserted), words too late to count, and records that could not be read. */
    public record Output(DataStream<WindowedWordCount> counts, DataStream<LateWord> late,
                         DataStream<DeadLetter> deadLetters) {}

    /** Sums a subtask holds at most before the shuffle (about 100 bytes each). */
    static final int PRE_AGGREGATE_MAX_ENTRIES = 50_000;

    private final Settings settings;

    public WordCountPipeline(Settings settings) {
        this.settings = settings;
    }

    /**
     * {@code records} must already carry event-time timestamps and watermarks, assigned per Kafka partition at the
     * source with the same out-of-orderness.
     */
    public Output expand(DataStream<RawRecord> records) {
        long window = settings.window().toMillis();
        SingleOutputStreamOperator<TextLine> lines = records
                .process(new MarkTooLateRecords(window, settings.allowedLateness().toMillis(),
                        settings.outOfOrderness().toMillis(), settings.rangeStart()))
                .name("Mark too-late records").uid(MarkTooLateRecords.UID)
                .process(new DecodeTextLines(settings.maxLineBytes()))
                .name("Decode text lines").uid("decode-text-lines");
        SingleOutputStreamOperator<WordCount> split = lines
                .process(new SplitIntoWords(settings.maxWordBytes(), window))
                .name("Split into words").uid("split-into-words");
        DataStream<WordCount> words = split
                .transform("Pre-aggregate words per window", TypeInformation.of(WordCount.class),
                        new PreAggregateWordsPerWindow(window, PRE_AGGREGATE_MAX_ENTRIES))
                .uid("pre-aggregate-words-per-window");
        CountWordsPerWindow.Output counted =
                new CountWordsPerWindow(settings.window(), settings.allowedLateness(), settings.inputEnds()).expand(words);
        return new Output(counted.counts(), split.getSideOutput(SplitIntoWords.TOO_LATE).union(counted.late()),
                lines.getSideOutput(DecodeTextLines.DEAD_LETTERS).union(split.getSideOutput(SplitIntoWords.DEAD_LETTERS)));
    }
}
