package ai.kind.kmb.outbox;

import ai.kind.kmb.Envelope;

/**
 * A message waiting in the outbox: its place in the outbox's order, the message with its id and
 * timestamp already fixed, and whether it is published durably (null leaves it to the server).
 */
public record OutboxEntry(long sequence, Envelope message, Boolean durable) {
}
