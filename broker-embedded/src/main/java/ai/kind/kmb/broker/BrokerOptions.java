package ai.kind.kmb.broker;

import ai.kind.kmb.broker.store.RetentionPolicy;
import java.time.Duration;

/**
 * How the broker behaves.
 *
 * @param durableByDefault  whether a publish that does not say is durable
 * @param dedupWindow       how long a client-chosen message id is remembered for idempotent publish
 * @param dedupMaxIds       how many ids the window holds at most; the oldest go first beyond that
 * @param retention         how much history the store keeps
 * @param retentionInterval how often retention runs
 * @param advisoryInterval  at most one slow-consumer advisory per subscription in this interval
 * @param claimLease        on a shared bus, how long a node's claim on a durable's message lasts
 *                          unrenewed (a live node renews every third of it) before another node
 *                          takes the message over: how soon a dead node's messages move
 */
public record BrokerOptions(
        boolean durableByDefault,
        Duration dedupWindow,
        int dedupMaxIds,
        RetentionPolicy retention,
        Duration retentionInterval,
        Duration advisoryInterval,
        Duration claimLease) {

    public static BrokerOptions defaults() {
        return new BrokerOptions(false, Duration.ofMinutes(2), 1_000_000, RetentionPolicy.UNLIMITED,
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public BrokerOptions withDurableByDefault(boolean durable) {
        return new BrokerOptions(durable, dedupWindow, dedupMaxIds, retention, retentionInterval, advisoryInterval,
                claimLease);
    }

    public BrokerOptions withDedupWindow(Duration window) {
        return new BrokerOptions(durableByDefault, window, dedupMaxIds, retention, retentionInterval, advisoryInterval,
                claimLease);
    }

    public BrokerOptions withRetention(RetentionPolicy policy, Duration interval) {
        return new BrokerOptions(durableByDefault, dedupWindow, dedupMaxIds, policy, interval, advisoryInterval,
                claimLease);
    }

    public BrokerOptions withClaimLease(Duration lease) {
        return new BrokerOptions(durableByDefault, dedupWindow, dedupMaxIds, retention, retentionInterval,
                advisoryInterval, lease);
    }
}
