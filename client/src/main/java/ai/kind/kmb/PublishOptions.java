package ai.kind.kmb;

/**
 * How to publish. {@code durable} messages are acknowledged only once they are on disk, and are
 * what durable subscriptions, history and replay see; others are delivered live, at most once.
 * A null {@code durable} leaves the choice to the broker's configured default.
 */
public record PublishOptions(Boolean durable) {
    public static final PublishOptions DEFAULT = new PublishOptions(null);
    public static final PublishOptions DURABLE = new PublishOptions(true);
    public static final PublishOptions EPHEMERAL = new PublishOptions(false);
}
