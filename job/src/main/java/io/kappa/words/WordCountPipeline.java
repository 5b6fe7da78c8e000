package io.kappa.words;

import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The word count as one composite transform: decode lines → split into words → count per event-time window.
 * It knows nothing of Kafka, Cassandra or the run mode: the same code serves live, replay and the tests.
 */
public class WordCountPipeline {

    /** The knobs of the word count; validated by the job's options. */
    public record Settings(Duration window, Duration allowedLateness, int maxLineBytes) implements Serializable {}

    /** Counts (upserted), words too late to count, and records that could not be read. */
    public record Output(DataStream<WindowedWordCount> counts, DataStream<LateWord> late,
                         DataStream<DeadLetter> deadLetters) {}

    /** Sums a subtask holds at most before the shuffle (about 100 bytes each). */
    static final int PRE_AGGREGATE_MAX_ENTRIES = 50_000;

    private final Settings settings;

    public WordCountPipeline(Settings settings) {
        this.settings = settings;
    }

    /** {@code records} must already carry event-time timestamps and watermarks. */
    public Output expand(DataStream<RawRecord> records) {
        SingleOutputStreamOperator<String> lines = records
                .process(new DecodeTextLines(settings.maxLineBytes()))
                .name("Decode text lines").uid("decode-text-lines");
        DataStream<WordCount> words = lines
                .flatMap(new SplitIntoWords())
                .name("Split into words").uid("split-into-words")
                .transform("Pre-aggregate words per window", TypeInformation.of(WordCount.class),
                        new PreAggregateWordsPerWindow(settings.window().toMillis(), PRE_AGGREGATE_MAX_ENTRIES))
                .uid("pre-aggregate-words-per-window");
        CountWordsPerWindow.Output counted =
                new CountWordsPerWindow(settings.window(), settings.allowedLateness()).expand(words);
        return new Output(counted.counts(), counted.late(), lines.getSideOutput(DecodeTextLines.DEAD_LETTERS));
    }
}
