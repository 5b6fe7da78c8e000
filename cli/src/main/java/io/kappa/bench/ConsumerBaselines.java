package io.kappa.bench;

import io.kappa.client.TopicReader;
import io.kappa.words.TextNormaliser;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The limit the job is measured against, in this JVM: (a) reading the words topic, (a') reading and counting it. */
public final class ConsumerBaselines {
    private ConsumerBaselines() {}

    /** (a) the limit: a consumer that reads every record and does nothing with it. */
    public static RunResult read(BenchTarget target, Dataset d) {
        target.out().println("(a) plain KafkaConsumer ...");
        JvmFigures.resetPeakHeap();
        long[] bytes = {0};
        long start = System.nanoTime();
        long n = TopicReader.readToEnd(target.kafka(), d.words(), r -> bytes[0] += r.value().length);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new RunResult("(a) plain KafkaConsumer", n, seconds, 0, n == d.lines(), JvmFigures.peakHeap(), "CLI heap",
                String.format("%.0f MB/s", bytes[0] / 1e6 / seconds));
    }

    /** (a') the same, plus what the job does to a line: decode, normalise, split, count per window and word. */
    public static RunResult readSplitCount(BenchTarget target, Dataset d) {
        target.out().println("(a') one thread: read, split, count ...");
        JvmFigures.resetPeakHeap();
        Map<Long, Map<String, long[]>> counts = new HashMap<>();
        long[] words = {0};
        long start = System.nanoTime();
        long n = TopicReader.readToEnd(target.kafka(), d.words(), r -> {
            long window = r.timestamp() - Math.floorMod(r.timestamp(), 60_000L);
            Map<String, long[]> w = counts.computeIfAbsent(window, k -> new HashMap<>());
            for (String word : TextNormaliser.words(new String(r.value(), StandardCharsets.UTF_8))) {
                w.computeIfAbsent(word, k -> new long[1])[0]++;
                words[0]++;
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = counts.values().stream().mapToLong(Map::size).sum();
        return new RunResult("(a') one thread: read, split, count", n, seconds, words[0], words[0] == d.totalWords(),
                JvmFigures.peakHeap(), "CLI heap", String.format("%,d (window, word) rows", rows));
    }
}
