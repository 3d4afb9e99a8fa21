package ai.kind.kmb.broker.ratelimit;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.limits.RateLimitStats;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One configured limit: a token bucket per key (a client id, or the limit's own filter for a
 * topic limit) and the counts of what it decided.
 */
final class RateLimiter {
    /** Past this many keys, buckets that filled up again (idle clients) are forgotten. */
    static final int SWEEP_ABOVE = 10_000;

    private final String scope;
    private final String filter;
    private final LimitSpec spec;
    private final LongSupplier ticker;
    private final Pause pause;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongAdder allowed = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    RateLimiter(String scope, String filter, LimitSpec spec, LongSupplier ticker, Pause pause) {
        this.scope = scope;
        this.filter = filter;
        this.spec = spec;
        this.ticker = ticker;
        this.pause = pause;
    }

    /** Lets the caller through, after a wait when throttling, or refuses it with {@code rate_limited}. */
    void acquire(String key) {
        long now = ticker.getAsLong();
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(spec, now));
        long maxWait = spec.mode() == LimitMode.THROTTLE ? spec.maxWait().toNanos() : 0;
        long wait = bucket.take(now, maxWait);
        if (wait < 0) {
            rejected.increment();
            throw refusal(key, -wait);
        }
        if (wait == 0) {
            allowed.increment();
        } else {
            throttled.increment();
            pause.pause(wait);
        }
        if (buckets.size() > SWEEP_ABOVE) {
            long later = ticker.getAsLong();
            buckets.values().removeIf(idle -> idle.isFull(later));
        }
    }

    private KmbException refusal(String key, long retryAfterNanos) {
        long retryAfterMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(retryAfterNanos + 999_999));
        String who = "client".equals(scope) ? "client '" + key + "'" : "topics matching '" + filter + "'";
        String message = "rate limit for " + who + " exceeded (" + spec.rate() + "/s, burst " + spec.burst()
                + ", " + spec.mode().wireName() + "); retry after " + retryAfterMs + " ms";
        return new KmbException(ErrorCode.RATE_LIMITED, message, List.of(
                new ErrorDetail(KmbException.RETRY_AFTER_FIELD, Long.toString(retryAfterMs)),
                new ErrorDetail("limit", "client".equals(scope) ? scope : scope + " " + filter)));
    }

    RateLimitStats stats() {
        return new RateLimitStats(scope, filter, spec.rate(), spec.burst(), spec.mode().wireName(), allowed.sum(),
                throttled.sum(), rejected.sum());
    }
}
