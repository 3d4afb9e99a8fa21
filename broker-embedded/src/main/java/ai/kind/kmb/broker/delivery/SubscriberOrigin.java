package ai.kind.kmb.broker.delivery;

/**
 * Who is behind a subscription, as far as the broker knows: the client and the network connection
 * it subscribed on. Operators see it on a durable's members.
 *
 * @param clientId   the client's id on the server; null in process
 * @param connection the server's name for the connection ({@code conn-3}); null in process
 * @param address    the connection's remote address ({@code 127.0.0.1:53422}); null in process
 */
public record SubscriberOrigin(String clientId, String connection, String address) {
    /** A subscriber in the broker's own process. */
    public static final SubscriberOrigin IN_PROCESS = new SubscriberOrigin(null, null, null);
}
