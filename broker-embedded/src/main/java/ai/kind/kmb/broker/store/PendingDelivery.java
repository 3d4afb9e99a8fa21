package ai.kind.kmb.broker.store;

import java.time.Instant;

/** A message handed to a durable consumer and not yet settled. */
public record PendingDelivery(long offset, String messageId, int deliveries, Instant firstDelivered,
                              String lastError) {
}
