package ai.kind.kmb.limits;

import java.util.Objects;

/**
 * One configured rate limit and what it decided since the broker started, as {@code GET /v1/limits}
 * reports it and KMB Studio shows it.
 *
 * @param scope     {@code client} (a bucket per client) or {@code topic} (one bucket per filter)
 * @param filter    the topic filter of a topic limit; {@code #} for the client limit
 * @param rate      tokens added per second
 * @param burst     the bucket's size: how many publishes may pass at once after a quiet spell
 * @param mode      {@code reject} or {@code throttle}
 * @param allowed   publishes that passed at once
 * @param throttled publishes that passed after waiting for a token
 * @param rejected  publishes refused with {@code rate_limited}
 */
public record RateLimitStats(String scope, String filter, double rate, long burst, String mode, long allowed,
                             long throttled, long rejected) {
    public RateLimitStats {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(mode, "mode");
    }

    /** A short name for people: "client" or "topic agent.#". */
    public String label() {
        return "client".equals(scope) ? scope : scope + " " + filter;
    }
}
