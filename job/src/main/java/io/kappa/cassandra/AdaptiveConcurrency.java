package io.kappa.cassandra;

/**
 * How many writes a sink subtask keeps in flight, adapted to Cassandra by additive increase and multiplicative
 * decrease (AIMD, as TCP does): every write that comes back in time adds {@code 1/limit} (one more per round of
 * writes), a timeout or an overload answer, or a write slower than {@code latencyTarget}, halves the limit (at most once
 * per {@code calmMillis}, so one burst of failures counts once). The limit stays within {@code [min, max]}.
 * {@link #acquire} blocks while the limit is reached: that is the back-pressure the job feels, and the time it blocks
 * is counted ({@link #throttledNanos}). (Hand-written: the driver has no such limiter, and the libraries that do —
 * Netflix concurrency-limits — are not in this build; this is twenty lines.)
 */
public final class AdaptiveConcurrency {
    private final int min;
    private final int max;
    private final long latencyTargetNanos;
    private final long calmNanos;
    private double limit;
    private int inFlight;
    private long lastDecrease = Long.MIN_VALUE / 2;
    private long throttledNanos;

    public AdaptiveConcurrency(int min, int max, long latencyTargetMillis, long calmMillis) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min <= max");
        }
        this.min = min;
        this.max = max;
        this.latencyTargetNanos = latencyTargetMillis * 1_000_000;
        this.calmNanos = calmMillis * 1_000_000;
        this.limit = max;
    }

    /** Waits for a slot (counting the time waited as throttled), then takes it. */
    public synchronized void acquire() throws InterruptedException {
        if (inFlight >= (int) limit) {
            long start = System.nanoTime();
            while (inFlight >= (int) limit) {
                wait(100);
            }
            throttledNanos += System.nanoTime() - start;
        }
        inFlight++;
    }

    public synchronized void release() {
        inFlight--;
        notifyAll();
    }

    /** A write came back; slower than the target counts as congestion. */
    public synchronized void onSuccess(long latencyNanos) {
        if (latencyNanos > latencyTargetNanos) {
            decrease();
        } else {
            limit = Math.min(max, limit + 1.0 / limit);
        }
    }

    /** A write timed out or Cassandra said it is overloaded. */
    public synchronized void onOverload() {
        decrease();
    }

    private void decrease() {
        long now = System.nanoTime();
        if (now - lastDecrease >= calmNanos) {
            limit = Math.max(min, limit / 2);
            lastDecrease = now;
            notifyAll();
        }
    }

    public synchronized int limit() {
        return (int) limit;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized long throttledNanos() {
        return throttledNanos;
    }
}
