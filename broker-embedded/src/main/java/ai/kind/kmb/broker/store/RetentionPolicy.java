package ai.kind.kmb.broker.store;

import java.time.Duration;

/**
 * How much history a store keeps: messages older than {@code maxAge}, and the oldest messages
 * beyond {@code maxBytes} of payload, are deleted. Null or non-positive means no limit.
 */
public record RetentionPolicy(Duration maxAge, long maxBytes) {
    public static final RetentionPolicy UNLIMITED = new RetentionPolicy(null, 0);
}
