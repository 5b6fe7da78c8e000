package io.kappa.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.WriteType;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import com.datastax.driver.core.exceptions.WriteTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sink's pushback pieces, as pure functions: AIMD on writes in flight, and what a failure means. */
class AdaptiveConcurrencyTest {
    private static final long MS = 1_000_000;

    @Test
    void halvesOnOverloadOncePerCalmPeriodAndGrowsBackOneARound() throws Exception {
        AdaptiveConcurrency gate = new AdaptiveConcurrency(1, 32, 1_000, 0);
        assertThat(gate.limit()).isEqualTo(32);
        gate.onOverload();
        assertThat(gate.limit()).isEqualTo(16);
        gate.onSuccess(2_000 * MS); // slower than the 1 s target: congestion too
        assertThat(gate.limit()).isEqualTo(8);
        for (int i = 0; i < 9; i++) {
            gate.onSuccess(5 * MS); // about a round of writes back in time (each adds 1/limit): one more
        }
        assertThat(gate.limit()).isEqualTo(9);
        for (int i = 0; i < 10; i++) {
            gate.onOverload();
        }
        assertThat(gate.limit()).isEqualTo(1); // never below the minimum
    }

    @Test
    void oneBurstOfFailuresHalvesOnlyOnce() {
        AdaptiveConcurrency gate = new AdaptiveConcurrency(1, 32, 1_000, 60_000);
        for (int i = 0; i < 20; i++) {
            gate.onOverload();
        }
        assertThat(gate.limit()).isEqualTo(16);
    }

    @Test
    void acquireBlocksAtTheLimitAndCountsTheTimeThrottled() throws Exception {
        AdaptiveConcurrency gate = new AdaptiveConcurrency(1, 2, 1_000, 0);
        gate.acquire();
        gate.acquire();
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
            try {
                gate.acquire();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(third).isNotDone();
        Thread.sleep(50); // lets the third block for a measurable while: not a synchronisation
        assertThat(third).isNotDone();
        gate.release();
        third.get(5, TimeUnit.SECONDS);
        assertThat(gate.inFlight()).isEqualTo(2);
        assertThat(gate.throttledNanos()).isGreaterThanOrEqualTo(40 * MS);
    }

    @Test
    void timeoutsAreRetriedWithinTheBudgetRefusalsAreNot() {
        WriteTimeoutException timeout = new WriteTimeoutException(ConsistencyLevel.LOCAL_ONE, WriteType.UNLOGGED_BATCH, 0, 1);
        assertThat(WriteRetries.classify(timeout)).isEqualTo(WriteRetries.Kind.RETRY);
        assertThat(WriteRetries.isOverload(timeout)).isTrue();
        assertThat(WriteRetries.classify(new InvalidQueryException("Key length of 70000 is longer than maximum of 65535")))
                .isEqualTo(WriteRetries.Kind.REFUSED);
        assertThat(WriteRetries.classify(new IllegalStateException())).isEqualTo(WriteRetries.Kind.FAIL);

        WriteRetries r = new WriteRetries(5, Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(2));
        for (int attempt = 1; attempt < 12; attempt++) {
            long ceiling = Math.min(2_000, 100L << (attempt - 1));
            assertThat(r.backoffMillis(attempt)).isBetween(0L, ceiling);
        }
        assertThat(r.allows(4, 1_000, 2_000)).isTrue();
        assertThat(r.allows(5, 1_000, 10)).as("attempts").isFalse();
        assertThat(r.allows(2, 9_000, 1_001)).as("time").isFalse();
    }
}
