package ai.kind.kmb.durable;

/**
 * What the broker that answered is doing for a durable right now: its members attached there, and
 * the messages it holds unsettled, {@code inFlight} with a member awaiting an ack and
 * {@code waiting} the rest (due for redelivery, waiting for a member, or being dead-lettered).
 */
public record NodeActivity(int members, int inFlight, int waiting) {
    /** A broker that does not serve the durable now. */
    public static final NodeActivity NONE = new NodeActivity(0, 0, 0);
}
