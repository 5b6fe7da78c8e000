package io.kappa.e2e;

import io.kappa.client.kafka.Produce;
import io.kappa.client.generate.TextGenerator;
import io.kappa.kafka.KafkaSettings;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A live feed: generated lines at a fixed rate into one topic from a background thread ({@link Produce#stream}, each
 * line stamped with the time it is sent, in order, none late), chunk after chunk until {@link #stop}. Every chunk is
 * its own producer, so that a feed outlives the loss of any one broker.
 */
final class SteadyFeed implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "steady-feed"));
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Future<long[]> produced;

    /** Starts feeding {@code linesPerSecond} lines a second, in chunks of {@code chunk}. */
    SteadyFeed(KafkaSettings kafka, String topic, double linesPerSecond, Duration chunk) {
        long perChunk = Math.max(1, (long) (linesPerSecond * chunk.toMillis() / 1000));
        Produce produce = Produce.quietly(kafka, topic);
        produced = thread.submit(() -> {
            long lines = 0;
            long words = 0;
            for (long seed = 1; !stopping.get(); seed++) {
                TextGenerator.Spec spec = new TextGenerator.Spec(perChunk, 500, 3, 8, 1.0, 0, chunk, 0, Duration.ZERO,
                        0, Duration.ZERO, seed);
                Produce.TextSummary s = produce.stream(spec, linesPerSecond);
                lines += s.lines();
                words += s.words();
            }
            return new long[] {lines, words};
        });
    }

    /** What was fed, once the chunk under way is sent: lines and words. */
    record Fed(long lines, long words) {}

    /** Stops after the chunk under way; fails if producing failed. */
    Fed stop(Duration timeout) {
        stopping.set(true);
        long[] fed = RealStack.await(produced, "the feed's last chunk", timeout);
        return new Fed(fed[0], fed[1]);
    }

    @Override
    public void close() {
        stopping.set(true);
        thread.shutdownNow();
    }
}
