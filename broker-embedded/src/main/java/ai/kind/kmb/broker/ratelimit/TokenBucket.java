package ai.kind.kmb.broker.ratelimit;

/**
 * A token bucket read against a nanosecond clock the caller passes in, so tests drive time by hand.
 * A throttled caller reserves its token ahead: the bucket goes below zero by the tokens promised,
 * and the next caller waits behind them. That keeps throttled publishers in arrival order and
 * never lets the rate be exceeded, whatever the wait.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double tokensPerNano;
    private final long burst;
    private double tokens;
    private long updatedAt;

    TokenBucket(LimitSpec spec, long now) {
        this.tokensPerNano = spec.rate() / NANOS_PER_SECOND;
        this.burst = spec.burst();
        this.tokens = spec.burst();
        this.updatedAt = now;
    }

    /**
     * Takes one token if it is there, or reserves one that comes within {@code maxWaitNanos}.
     * Returns the nanoseconds to wait before going on (0: at once), or a negative number whose
     * magnitude is how long until a token would be free when the reservation would wait too long
     * (nothing is taken then).
     */
    synchronized long take(long now, long maxWaitNanos) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        long wait = (long) Math.ceil((1 - tokens) / tokensPerNano);
        if (wait <= maxWaitNanos) {
            tokens -= 1;
            return wait;
        }
        return -Math.max(1, wait - maxWaitNanos);
    }

    /** True when the bucket is full again: a bucket nobody used for a while can be forgotten. */
    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= burst;
    }

    private void refill(long now) {
        long elapsed = now - updatedAt;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * tokensPerNano);
            updatedAt = now;
        }
    }
}
