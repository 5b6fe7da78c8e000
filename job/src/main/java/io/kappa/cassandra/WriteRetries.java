package io.kappa.cassandra;

import com.datastax.driver.core.exceptions.BootstrappingException;
import com.datastax.driver.core.exceptions.BusyConnectionException;
import com.datastax.driver.core.exceptions.BusyPoolException;
import com.datastax.driver.core.exceptions.ConnectionException;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import com.datastax.driver.core.exceptions.OperationTimedOutException;
import com.datastax.driver.core.exceptions.OverloadedException;
import com.datastax.driver.core.exceptions.QueryConsistencyException;
import com.datastax.driver.core.exceptions.UnavailableException;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What to do when a write fails. Every write the job makes is an idempotent upsert (a fixed write timestamp, the same
 * values), so writing it again is always safe:
 * <ul>
 *   <li>{@link Kind#RETRY}: Cassandra or the network is busy or briefly gone (a write timeout, an overload or
 *       unavailable answer, a client-side timeout, no host reachable, a busy connection pool): retried after a backoff
 *       with full jitter ({@code base · 2^(attempt−1)}, at most {@code cap}), within a budget of attempts and of time
 *       since the first attempt; past the budget the write fails and so does the job, which then restarts from its last
 *       checkpoint (a real outage);</li>
 *   <li>{@link Kind#REFUSED}: Cassandra refuses the statement itself ({@code InvalidQueryException}: a key over
 *       64 KiB, a batch too large, …): no retry can help; a batch is split into its rows, and a row still refused is a
 *       dead letter, never a restart loop;</li>
 *   <li>{@link Kind#FAIL}: anything else (permissions, a driver bug): the job fails.</li>
 * </ul>
 */
public record WriteRetries(int maxAttempts, Duration budget, Duration base, Duration cap) implements Serializable {

    public enum Kind { RETRY, REFUSED, FAIL }

    public static WriteRetries defaults(Duration budget) {
        return new WriteRetries(30, budget, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    public static Kind classify(Throwable t) {
        if (t instanceof QueryConsistencyException || t instanceof OverloadedException || t instanceof UnavailableException
                || t instanceof OperationTimedOutException || t instanceof NoHostAvailableException
                || t instanceof BusyPoolException || t instanceof BusyConnectionException
                || t instanceof ConnectionException || t instanceof BootstrappingException) {
            return Kind.RETRY;
        }
        if (t instanceof InvalidQueryException) {
            return Kind.REFUSED;
        }
        return Kind.FAIL;
    }

    /** True for the failures that mean "too much load": the concurrency limit comes down. */
    public static boolean isOverload(Throwable t) {
        return t instanceof QueryConsistencyException || t instanceof OverloadedException
                || t instanceof OperationTimedOutException || t instanceof BusyPoolException
                || t instanceof BusyConnectionException;
    }

    /** The wait before attempt {@code attempt + 1}: full jitter over {@code min(cap, base · 2^(attempt−1))}. */
    public long backoffMillis(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, attempt - 1));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    /** Whether another attempt fits the budget, given the attempts made and the time since the first. */
    public boolean allows(int attemptsMade, long elapsedMillis, long nextDelayMillis) {
        return attemptsMade < maxAttempts && elapsedMillis + nextDelayMillis <= budget.toMillis();
    }
}
