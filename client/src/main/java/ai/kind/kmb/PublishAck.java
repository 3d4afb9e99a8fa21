package ai.kind.kmb;

/**
 * The bus took a message. {@code offset} is its position in the durable log, or
 * {@link #NOT_STORED} for an ephemeral message. {@code duplicate} is true when the id was already
 * published inside the dedup window and nothing new was stored.
 */
public record PublishAck(String id, long offset, boolean duplicate) {
    public static final long NOT_STORED = -1;
}
