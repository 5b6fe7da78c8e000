package io.kappa.bench;

import io.kappa.client.kafka.TopicReader;
import io.kappa.words.TextNormaliser;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the job is measured against, in this JVM: (a) reading the words topic, (a') reading and counting it. The rows
 * (a') counts are kept for the sink's run (s) ({@link #rows}).
 */
public final class ConsumerBaselines {
    private final BenchTarget target;
    private final Dataset d;
    private CountedRows rows;

    public ConsumerBaselines(BenchTarget target, Dataset d) {
        this.target = target;
        this.d = d;
    }

    /** (a) the limit: a consumer that reads every record and does nothing with it. */
    public RunResult read() {
        target.out().println("(a) plain KafkaConsumer ...");
        JvmFigures.resetPeakHeap();
        long[] bytes = {0};
        long start = System.nanoTime();
        long n = TopicReader.readToEnd(target.kafka(), d.words(), r -> bytes[0] += r.value().length);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new RunResult(RunResult.Kind.RAW, "(a) plain KafkaConsumer", n, seconds, 0, n == d.lines(),
                JvmFigures.peakHeap(), "CLI heap", String.format("%.0f MB/s", bytes[0] / 1e6 / seconds));
    }

    /** What (a') counted: records, words, and per window start the count of each word. */
    private record Count(long records, long words, Map<Long, Map<String, long[]>> perWindow) {}

    private Count count() {
        Map<Long, Map<String, long[]>> counts = new HashMap<>();
        long[] words = {0};
        long n = TopicReader.readToEnd(target.kafka(), d.words(), r -> {
            long window = r.timestamp() - Math.floorMod(r.timestamp(), Dataset.WINDOW_MILLIS);
            Map<String, long[]> w = counts.computeIfAbsent(window, k -> new HashMap<>());
            // the job's split, word by word (SplitIntoWords' path for ASCII lines)
            TextNormaliser.forEachWord(new String(r.value(), StandardCharsets.UTF_8), word -> {
                w.computeIfAbsent(word, k -> new long[1])[0]++;
                words[0]++;
            });
        });
        return new Count(n, words[0], counts);
    }

    /** (a') the same, plus what the job does to a line: decode, normalise, split, count per window and word. */
    public RunResult readSplitCount() {
        target.out().println("(a') one thread: read, split, count ...");
        JvmFigures.resetPeakHeap();
        long start = System.nanoTime();
        Count c = count();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = JvmFigures.peakHeap();
        keep(c);
        return new RunResult(RunResult.Kind.ONE_THREAD, "(a') one thread: read, split, count", c.records(), seconds,
                c.words(), c.words() == d.totalWords(), peak, "CLI heap",
                String.format("%,d (window, word) rows", rows.rows()));
    }

    /** The rows of the first count, compactly (every round counts the same rows). */
    private void keep(Count c) {
        if (rows == null) {
            rows = CountedRows.of(c.perWindow(), Dataset.WINDOW_MILLIS);
        }
    }

    /** The (window, word) rows (a') counted; counted here, unmeasured, if (a') has not run. */
    public CountedRows rows() {
        if (rows == null) {
            target.out().println("counting the (window, word) rows for (s) (unmeasured: (a') has not run) ...");
            keep(count());
        }
        return rows;
    }
}
