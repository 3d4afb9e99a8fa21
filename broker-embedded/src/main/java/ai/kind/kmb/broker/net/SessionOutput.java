package ai.kind.kmb.broker.net;

import ai.kind.kmb.protocol.Frame;

/**
 * Where a {@link ProtocolSession} sends frames: a WebSocket in the server, a list in unit tests.
 * Keeping the session behind this makes the protocol testable without sockets.
 */
interface SessionOutput {

    /**
     * Sends an answer (puback, subok, error...). Never blocks: the transport bounds answers by
     * reading no more frames while the socket does not drain.
     */
    void send(Frame.ServerFrame frame);

    /**
     * Sends a delivery. Blocks the calling subscription thread, up to the write time-out, while the
     * socket does not drain, so that the subscription's own bounded buffer fills and the broker's
     * slow-consumer policy applies. With {@code untilWritten} it also waits for the bytes to reach
     * the socket (for durable deliveries acknowledged automatically).
     *
     * @return false when the delivery did not happen: the connection is gone, or had to be closed
     *         as a slow consumer
     */
    boolean deliver(Frame.Msg msg, boolean untilWritten);

    /** Closes the connection with a WebSocket close code and a reason a person can read. */
    void close(int code, String reason);
}
