package ai.kind.kmb.remote;

import java.net.http.WebSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far ahead a session asks its socket for frames. Asking for one frame at a time made the JDK's
 * WebSocket re-arm its selector (a system call and a wake-up) for nearly every frame; this asks for
 * {@link #SIZE} at first and for more in batches of half that as frames are handled. A delivery whose
 * subscription is full holds its frame's credit back until it is queued, and no credit goes back to
 * the socket while any is held: a slow handler still stops the reading, after at most {@link #SIZE}
 * frames more, which wait parked in their subscriptions' inboxes.
 */
final class ReadWindow {
    static final int SIZE = 64;

    /** Frames handled since the socket was last asked for more. */
    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicInteger heldBack = new AtomicInteger();

    void open(WebSocket socket) {
        socket.request(SIZE);
    }

    /** One listener call is over (a frame, or a piece of one). */
    void handled(WebSocket socket) {
        if (handled.incrementAndGet() >= SIZE / 2 && heldBack.get() == 0) {
            int more = handled.getAndSet(0);
            if (more > 0) {
                socket.request(more);
            }
        }
    }

    /** A delivery waits for room; run what this returns once it is queued. */
    Runnable holdBack(WebSocket socket) {
        heldBack.incrementAndGet();
        return () -> {
            heldBack.decrementAndGet();
            handled(socket);
        };
    }

    /** True while a delivery waits for room: the reading may be stopped, so silence proves nothing. */
    boolean isHoldingBack() {
        return heldBack.get() > 0;
    }
}
