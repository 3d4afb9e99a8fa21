package ai.kind.kmb.durable;

import ai.kind.kmb.AckMode;
import java.time.Instant;

/**
 * One member of a durable, attached to the broker that answered.
 *
 * @param clientId   who subscribed: its token's subject, or the name it gave in {@code hello} (without
 *                   one, its connection's); null for a subscriber in the broker's own process
 * @param connection the server's name for the connection it subscribed on ({@code conn-3}); null in process
 * @param address    where that connection comes from ({@code 127.0.0.1:53422}); null in process
 * @param ack        its ack mode: each member acknowledges as it subscribed
 * @param inFlight   the deliveries it holds unacknowledged now
 * @param since      when it attached
 */
public record DurableSubscriber(String clientId, String connection, String address, AckMode ack, int inFlight,
                                Instant since) {

    /** True for a subscriber in the broker's own process (KMB Studio's embedded broker, an agent beside it). */
    public boolean inProcess() {
        return connection == null;
    }
}
