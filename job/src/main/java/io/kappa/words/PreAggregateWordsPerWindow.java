package io.kappa.words;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums the occurrences of each word per window within a subtask before the shuffle, so that one record per
 * (window, word) crosses the network instead of one per occurrence (a combiner; Flink's DataStream API has none
 * for event-time windows, the Table API's two-phase aggregation being the nearest thing — hence hand-written).
 *
 * <p>It changes nothing downstream can observe except the number of records: a sum is held only while its
 * window has not fired, and is emitted before the watermark that fires the window is passed on, so every
 * occurrence meets the window operator under the same watermark as it would have without this operator. A word
 * for a window that has already fired (late, within the allowed lateness or beyond) goes straight through. Sums
 * are emitted with the newest timestamp among their occurrences; all are emitted before a checkpoint barrier
 * (nothing to keep in state), when the input goes idle, at the end of input, and when more than {@code maxEntries}
 * are held (batch replays see no watermark until the end).
 */
public class PreAggregateWordsPerWindow extends AbstractStreamOperator<WordCount>
        implements OneInputStreamOperator<WordCount, WordCount> {
    private static final long serialVersionUID = 1L;
    private final long windowMillis;
    private final int maxEntries;
    private transient TreeMap<Long, Map<Word, long[]>> sums;
    private transient int entries;
    /** The sums of the window the last word went to (consecutive words mostly share one), or null. */
    private transient Map<Word, long[]> lastWindow;
    private transient long lastStart;
    private transient long watermark;
    private transient StreamRecord<WordCount> reuse;

    public PreAggregateWordsPerWindow(long windowMillis, int maxEntries) {
        this.windowMillis = windowMillis;
        this.maxEntries = maxEntries;
        // in the source's chain: words reach it by a method call, not serialised over a channel (a custom operator
        // starts a chain of its own unless it says so)
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        sums = new TreeMap<>();
        watermark = Long.MIN_VALUE;
        reuse = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<WordCount> element) {
        long ts = element.getTimestamp();
        long start = TimeWindow.getWindowStartWithOffset(ts, 0, windowMillis);
        if (start + windowMillis - 1 <= watermark) {
            output.collect(element); // its window has fired: late, to be judged by the window operator now
            return;
        }
        if (lastWindow == null || start != lastStart) {
            lastWindow = sums.computeIfAbsent(start, s -> new HashMap<>());
            lastStart = start;
        }
        Word word = new Word(element.getValue().word);
        long[] sum = lastWindow.get(word);
        if (sum == null) {
            sum = new long[] {0, Long.MIN_VALUE};
            lastWindow.put(word, sum);
            entries++;
        }
        sum[0] += element.getValue().count;
        sum[1] = Math.max(sum[1], ts);
        if (entries > maxEntries) {
            emitUpTo(Long.MAX_VALUE);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        // a window fires when the watermark reaches its last millisecond: its sums must be there first
        emitUpTo(mark.getTimestamp() == Long.MAX_VALUE ? Long.MAX_VALUE : mark.getTimestamp() - windowMillis + 1);
        super.processWatermark(mark);
    }

    /**
     * When the input goes idle, the window operator stops waiting for this subtask's watermark and may fire windows
     * this subtask still holds sums for: they go out first, ahead of the idle status, so they are counted.
     */
    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            emitUpTo(Long.MAX_VALUE);
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        emitUpTo(Long.MAX_VALUE);
    }

    @Override
    public void finish() throws Exception {
        emitUpTo(Long.MAX_VALUE);
        super.finish();
    }

    /** Emits the sums of every window that starts at or before {@code lastStart}. */
    private void emitUpTo(long lastStart) {
        while (!sums.isEmpty() && sums.firstKey() <= lastStart) {
            Map<Word, long[]> window = sums.pollFirstEntry().getValue();
            if (window == lastWindow) {
                lastWindow = null;
            }
            for (Map.Entry<Word, long[]> e : window.entrySet()) {
                output.collect(reuse.replace(new WordCount(e.getKey().word, e.getValue()[0]), e.getValue()[1]));
            }
            entries -= window.size();
        }
    }

    /**
     * A word as a hash key with its String hash mixed (MurmurHash3's finaliser): words built from a few syllables
     * have String hashes that share their low bits, which piles them into a handful of HashMap bins. {@code equals}
     * written out: a record's generated one goes through method handles, which the profile showed on the hot path
     * (docs/benchmarks.md).
     */
    private record Word(String word) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Word w && word.equals(w.word);
        }

        @Override
        public int hashCode() {
            int h = word.hashCode();
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            return h ^ (h >>> 16);
        }
    }
}
