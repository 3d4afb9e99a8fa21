package ai.kind.kmb.ui.trace;

import ai.kind.kmb.history.StoredMessage;
import java.time.Duration;
import java.util.List;

/**
 * One shape of a trace waterfall.
 *
 * @param kind     a round trip (a command or query with its replies), a reply, or a lone event
 * @param lane     index into {@link TraceTimeline#lanes()}
 * @param row      the row it is drawn on, counted over all lanes (a lane has a row per round trip, so
 *                 an agent's overlapping round trips never cover each other)
 * @param start    from the trace's first message
 * @param duration request to final reply for a round trip (to the last reply so far while pending); zero otherwise
 * @param label    what the bar says: topic and, for a round trip, its duration
 * @param outcome  how a round trip ended, or how a reply answered
 * @param message  the message the bar stands for: the request for a round trip
 * @param replies  a round trip's replies in time order; empty for other kinds
 * @param pairLane for a reply, the lane of its request; for a request or event, the lane of the message
 *                 its {@code parent_id} names, when that is in the trace; -1 otherwise
 * @param pairRow  the row of that request or parent (to draw the link); -1 otherwise
 */
public record TraceBar(Kind kind, int lane, int row, Duration start, Duration duration, String label, Outcome outcome,
                       StoredMessage message, List<StoredMessage> replies, int pairLane, int pairRow) {

    public TraceBar {
        replies = List.copyOf(replies);
    }

    public enum Kind {
        ROUND_TRIP,
        REPLY,
        EVENT
    }

    public enum Outcome {
        /** A command's DONE or a query's data. */
        OK,
        /** A command's ACK: taken, not finished. */
        ACKNOWLEDGED,
        /** ERROR or error. */
        ERROR,
        /** A query's not_found. */
        NOT_FOUND,
        /** A request with no final reply (yet). */
        PENDING,
        /** Not a request or reply. */
        NONE
    }

    public Duration end() {
        return start.plus(duration);
    }
}
