package ai.kind.kmb.broker.net;

import java.time.Duration;

/**
 * What one connection may ask of the server. Every limit answers with an error that names it, so
 * a client learns which one it hit and how to stay under it.
 *
 * @param maxMessageBytes   a WebSocket text frame or REST body above this is refused with {@code too_large};
 *                          the connection stays open
 * @param maxFrameBytes     the hard cap: a WebSocket frame above it closes the socket with 1009, as the
 *                          server will not even buffer it; must be at least {@code maxMessageBytes}
 * @param maxSubscriptions  subscriptions open at once on one connection ({@code rate_limited} beyond)
 * @param maxBadFrames      bad frames in a row before the socket is closed with 1008
 * @param heartbeat         the server pings a WebSocket that has sent nothing for this long
 * @param idleTimeout       a connection that sent nothing (not even a pong) for this long is closed
 * @param writeTimeout      how long a delivery may wait for a socket that does not read before the
 *                          connection is closed as a slow consumer
 * @param drainTimeout      on shutdown, how long to wait for publishes in flight to be answered
 */
public record ServerLimits(
        int maxMessageBytes,
        int maxFrameBytes,
        int maxSubscriptions,
        int maxBadFrames,
        Duration heartbeat,
        Duration idleTimeout,
        Duration writeTimeout,
        Duration drainTimeout) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1000;
    public static final int DEFAULT_MAX_BAD_FRAMES = 20;

    public ServerLimits {
        requirePositive("max_message_bytes", maxMessageBytes);
        requirePositive("max_subscriptions", maxSubscriptions);
        requirePositive("max_bad_frames", maxBadFrames);
        if (maxFrameBytes < maxMessageBytes) {
            throw new IllegalArgumentException("max_frame_bytes (" + maxFrameBytes
                    + ") must be at least max_message_bytes (" + maxMessageBytes + ")");
        }
        requirePositive("heartbeat", heartbeat);
        requirePositive("idle_timeout", idleTimeout);
        requirePositive("write_timeout", writeTimeout);
        requirePositive("drain_timeout", drainTimeout);
        if (idleTimeout.compareTo(heartbeat) <= 0) {
            // Otherwise a quiet but healthy client is closed before it was even asked for a pong.
            throw new IllegalArgumentException("idle_timeout (" + idleTimeout + ") must be longer than heartbeat ("
                    + heartbeat + ")");
        }
    }

    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_SUBSCRIPTIONS,
                DEFAULT_MAX_BAD_FRAMES, Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
    }

    public ServerLimits withMaxSubscriptions(int max) {
        return new ServerLimits(maxMessageBytes, maxFrameBytes, max, maxBadFrames, heartbeat, idleTimeout,
                writeTimeout, drainTimeout);
    }

    public ServerLimits withTimeouts(Duration newHeartbeat, Duration newIdleTimeout, Duration newWriteTimeout) {
        return new ServerLimits(maxMessageBytes, maxFrameBytes, maxSubscriptions, maxBadFrames, newHeartbeat,
                newIdleTimeout, newWriteTimeout, drainTimeout);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}
