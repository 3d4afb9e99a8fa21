package ai.kind.kmb.broker.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * The shape of one token bucket: {@code rate} tokens a second up to {@code burst}, and what happens
 * when it is empty.
 *
 * @param maxWait how long a throttled publish may wait for its token; zero for {@link LimitMode#REJECT}
 */
public record LimitSpec(double rate, long burst, LimitMode mode, Duration maxWait) {
    public LimitSpec {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(maxWait, "maxWait");
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number of messages per second, got " + rate);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("max_wait must not be negative, got " + maxWait);
        }
    }
}
