package ai.kind.kmb.ui.publish;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Subscription;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The replies awaited for one command or query: its private inbox and correlation id, and whether
 * the final reply came. A command's final reply is DONE or ERROR (ACK only says it was taken); a
 * query has exactly one reply. Touched on the UI executor only, except {@link #subscription}, which
 * a background task sets and another closes.
 */
final class PendingReplies {
    private final String inbox;
    private final String correlationId;
    private final MessageType type;
    private final Instant sentAt;
    private final AtomicReference<Subscription> subscription = new AtomicReference<>();
    private int replies;
    private volatile boolean closed;
    private boolean finished;
    private String lastStatus;

    PendingReplies(String inbox, String correlationId, MessageType type, Instant sentAt) {
        this.inbox = inbox;
        this.correlationId = correlationId;
        this.type = type;
        this.sentAt = sentAt;
    }

    String inbox() {
        return inbox;
    }

    String correlationId() {
        return correlationId;
    }

    Instant sentAt() {
        return sentAt;
    }

    boolean finished() {
        return finished;
    }

    int replies() {
        return replies;
    }

    String lastStatus() {
        return lastStatus;
    }

    /** The inbox subscription is open; if waiting already ended (a time-out won the race), it is closed at once. */
    void subscribed(Subscription opened) {
        subscription.set(opened);
        if (closed) {
            Subscription late = subscription.getAndSet(null);
            if (late != null) {
                late.close();
            }
        }
    }

    /** The inbox may get a stray message: only replies carrying our correlation id (or none) count. */
    boolean isOurs(Envelope reply) {
        String correlation = reply.metadata().correlationId();
        return correlation == null || correlation.equals(correlationId);
    }

    /** Counts a reply; true if it is the final one. */
    boolean take(Envelope reply) {
        replies++;
        lastStatus = reply.metadata().status();
        String status = lastStatus == null ? "" : lastStatus.toLowerCase(Locale.ROOT);
        finished = type == MessageType.QUERY || status.equals("done") || status.equals("error");
        return finished;
    }

    /** Stops waiting; returns the subscription to close (off the FX thread), or null if already closed. */
    Subscription finish() {
        finished = true;
        closed = true;
        return subscription.getAndSet(null);
    }
}
