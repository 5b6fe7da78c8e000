package io.kappa.words;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.watermark.Watermark;
import io.kappa.core.Metrics;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Counts each word per tumbling event-time window, with Flink's window semantics: a window fires when the watermark
 * reaches its last millisecond; a word that arrives later but within the allowed lateness updates its count and its
 * row is emitted again at once (same key: the row is upserted); a window's state is cleared once the watermark has
 * passed its end plus the allowed lateness; a word that comes after that goes to {@link Output#late()}.
 *
 * <p>Which records are too late is decided before this operator, per partition ({@link MarkTooLateRecords}); the
 * watermark here (the minimum over partitions) never passes a partition's own, so what reaches this operator is on
 * time here too. The one exception is a partition that was idle or not read yet (docs/semantics.md, "Late partitions"):
 * its words may find their window already closed on the other partitions' event time; they come out of
 * {@link Output#late()} with that reason.
 *
 * <p>Why not Flink's window operator ({@code keyBy(word).window(...)}): it keeps two timers per (window, word), one
 * to fire and one to clean up, about two million timers for the benchmark's replay, and its heap priority queue was
 * the top of the profile (docs/benchmarks.md). Here the words are keyed by one of {@value #BUCKETS} buckets (a hash of
 * the word), each bucket holds a map of word to count per window (keyed state, namespaced by the window's start, so
 * checkpoints, rescaling and BATCH execution work as for any keyed state), and the timers are per (bucket, window):
 * at most {@value #BUCKETS} × 2 per window whatever the vocabulary.
 */
public class CountWordsPerWindow {
    /** The operator's uid, pinned by UidsArePinnedTest: its state is found by it on a restore. */
    public static final String UID = "count-words-per-window-by-bucket";
    static final int BUCKETS = 512;
    /** The operator's name: its watermark is a version's event time (the CLI finds it by this name). */
    public static final String NAME = "Count words per window";
    static final OutputTag<LateWord> CLOSED = new OutputTag<>("words-for-closed-windows") {};
    /** The operator state that remembers a drain. */
    static final String DRAINED_STATE = "drained";
    /** Why a job does not resume from a drained savepoint, and what to do instead. */
    public static final String DRAINED_SAVEPOINT = "this savepoint was taken by flink stop --drain, which closed every "
            + "window for good: resume from a savepoint taken without --drain (flink stop --savepointPath DIR JOB_ID), "
            + "or start a new version from offset zero";

    private final Duration windowSize;
    private final Duration allowedLateness;
    private final boolean inputEnds;

    /** A live job's count: its input never ends, so only a drain ends its event time. */
    public CountWordsPerWindow(Duration windowSize, Duration allowedLateness) {
        this(windowSize, allowedLateness, false);
    }

    /**
     * @param inputEnds whether the input ends (a replay): the end of its event time may then be the end of its input,
     *                  after which a restart (from a checkpoint taken after its last record) reads nothing more
     */
    public CountWordsPerWindow(Duration windowSize, Duration allowedLateness, boolean inputEnds) {
        this.windowSize = windowSize;
        this.allowedLateness = allowedLateness;
        this.inputEnds = inputEnds;
    }

    /** What the transform produces: the counts, and words that found their window closed (late partitions). */
    public record Output(DataStream<WindowedWordCount> counts, DataStream<LateWord> late) {}

    public Output expand(DataStream<WordCount> words) {
        SingleOutputStreamOperator<WindowedWordCount> counts = words
                .keyBy(new BucketOfWord(), Types.INT)
                .transform(NAME, TypeInformation.of(WindowedWordCount.class),
                        new Operator(windowSize.toMillis(), allowedLateness.toMillis(), inputEnds))
                .uid(UID);
        return new Output(counts, counts.getSideOutput(CLOSED));
    }

    /** One of {@value #BUCKETS} buckets for a word: its String hash mixed (MurmurHash3's finaliser), modulo. */
    static final class BucketOfWord implements KeySelector<WordCount, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(WordCount w) {
            return bucket(w.word);
        }

        static int bucket(String word) {
            int h = word.hashCode();
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            h ^= h >>> 16;
            return Math.floorMod(h, BUCKETS);
        }
    }

    /** The keyed operator: per bucket and window (the state's namespace: the window's start), word → count. */
    static final class Operator extends AbstractStreamOperator<WindowedWordCount>
            implements OneInputStreamOperator<WordCount, WindowedWordCount>, Triggerable<Integer, Long> {
        private static final long serialVersionUID = 1L;
        private static final MapStateDescriptor<String, Long> COUNTS =
                new MapStateDescriptor<>("word-counts", Types.STRING, Types.LONG);
        private final long size;
        private final long lateness;
        private final boolean inputEnds;
        private transient InternalTimerService<Long> timers;
        private transient Counter lateWords;
        private transient StreamRecord<WindowedWordCount> reuse;
        /** Whether event time reached its end here: the job is drained (or a replay read everything). */
        private transient boolean drained;
        private transient ListState<Boolean> drainedState;

        Operator(long size, long lateness, boolean inputEnds) {
            this.size = size;
            this.lateness = lateness;
            this.inputEnds = inputEnds;
            setChainingStrategy(ChainingStrategy.ALWAYS); // the rows' conversion and grouping chained after it
        }

        /**
         * Refuses to resume from a drained savepoint (docs/semantics.md, rule 5, "Stopping a live job"): the drain fired
         * and cleared every window, so a record that came after the resume for one of them would be counted from zero
         * and overwrite its full row. The failure suppresses restarts: it is a decision, not a fault. A live job refuses
         * at once. A replay's event time also ends at the end of its input, and a replay restarted from a checkpoint
         * taken after that (its TaskManager lost before it finished) reads nothing more and must finish: a replay
         * refuses only when a record comes.
         */
        @Override
        public void initializeState(StateInitializationContext context) throws Exception {
            super.initializeState(context);
            drainedState = context.getOperatorStateStore().getUnionListState(
                    new ListStateDescriptor<>(DRAINED_STATE, Types.BOOLEAN));
            if (context.isRestored()) {
                for (Boolean wasDrained : drainedState.get()) {
                    if (Boolean.TRUE.equals(wasDrained)) {
                        drained = true;
                    }
                }
                if (drained && !inputEnds) {
                    throw refusal();
                }
            }
        }

        private static SuppressRestartsException refusal() {
            return new SuppressRestartsException(new IllegalStateException(DRAINED_SAVEPOINT));
        }

        @Override
        public void snapshotState(StateSnapshotContext context) throws Exception {
            super.snapshotState(context);
            drainedState.update(List.of(drained));
        }

        @Override
        public void processWatermark(Watermark mark) throws Exception {
            if (mark.getTimestamp() == Long.MAX_VALUE) {
                drained = true;
            }
            super.processWatermark(mark);
        }

        @Override
        public void open() throws Exception {
            super.open();
            timers = getInternalTimerService("word-windows", LongSerializer.INSTANCE, this);
            lateWords = getMetricGroup().counter(Metrics.LATE_WORDS);
            reuse = new StreamRecord<>(null);
        }

        private MapState<String, Long> counts(long windowStart) throws Exception {
            return getPartitionedState(windowStart, LongSerializer.INSTANCE, COUNTS);
        }

        private long maxTimestamp(long start) {
            return start + size - 1;
        }

        /** As Flink's window operator: the window's last millisecond plus the lateness, or never on overflow. */
        private long cleanupTime(long start) {
            long t = maxTimestamp(start) + lateness;
            return t >= maxTimestamp(start) ? t : Long.MAX_VALUE;
        }

        @Override
        public void processElement(StreamRecord<WordCount> element) throws Exception {
            if (drained) { // restored drained (a replay), or a record after the end of event time
                throw refusal();
            }
            WordCount w = element.getValue();
            long ts = element.getTimestamp();
            long start = TimeWindow.getWindowStartWithOffset(ts, 0, size);
            long watermark = timers.currentWatermark();
            if (cleanupTime(start) <= watermark) { // Flink's isWindowLate: the window is gone
                lateWords.inc(w.count);
                output.collect(CLOSED, new StreamRecord<>(new LateWord(w.word, w.count, ts, start, start + size,
                        watermark, null, -1, -1, LateWord.CLOSED_REASON), ts));
                return;
            }
            MapState<String, Long> counts = counts(start);
            Long before = counts.get(w.word);
            long now = (before == null ? 0 : before) + w.count;
            counts.put(w.word, now);
            if (maxTimestamp(start) <= watermark) {
                emit(start, w.word, now); // fired already, within the allowed lateness: the updated row at once
            } else {
                timers.registerEventTimeTimer(start, maxTimestamp(start));
            }
            if (cleanupTime(start) != Long.MAX_VALUE) {
                timers.registerEventTimeTimer(start, cleanupTime(start));
            }
        }

        @Override
        public void onEventTime(InternalTimer<Integer, Long> timer) throws Exception {
            long start = timer.getNamespace();
            MapState<String, Long> counts = counts(start);
            if (timer.getTimestamp() == maxTimestamp(start)) {
                for (Map.Entry<String, Long> e : counts.entries()) {
                    emit(start, e.getKey(), e.getValue());
                }
            }
            if (timer.getTimestamp() == cleanupTime(start)) {
                counts.clear();
            }
        }

        @Override
        public void onProcessingTime(InternalTimer<Integer, Long> timer) {}

        private void emit(long start, String word, long count) {
            output.collect(reuse.replace(new WindowedWordCount(start, start + size, word, count), maxTimestamp(start)));
        }
    }
}
