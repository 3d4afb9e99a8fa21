package ai.kind.kmb.broker.net;

/** Whether the server is still taking new work; set once when shutdown begins. */
final class ShutdownState {
    private volatile boolean shuttingDown;

    void begin() {
        shuttingDown = true;
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    void requireRunning() {
        if (shuttingDown) {
            throw Errors.unavailable("the server is shutting down; retry against another node or later");
        }
    }
}
