package ai.kind.kmb.cli;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.PublishAck;
import java.time.Instant;

/** How a message reads for people: one line, or the whole envelope indented. */
final class MessageLines {
    /** Payloads longer than this are cut on the one-line form; {@code --pretty} or {@code --json} show all. */
    static final int PAYLOAD_CHARS = 160;

    private MessageLines() {
    }

    /** {@code 2026-01-05T10:00:00.123Z  #17  orders.created  event  trace=t-1  {"n":1}} */
    static String line(Instant time, long offset, Envelope message) {
        StringBuilder line = new StringBuilder();
        line.append(time == null ? "-" : time.toString()).append("  ");
        if (offset != PublishAck.NOT_STORED) {
            line.append('#').append(offset).append("  ");
        }
        line.append(message.topic()).append("  ").append(message.type().wireName());
        if (message.metadata().traceId() != null) {
            line.append("  trace=").append(message.metadata().traceId());
        }
        return line.append("  ").append(payload(message)).toString();
    }

    static String pretty(Instant time, long offset, Envelope message) {
        String heading = "--- " + (time == null ? "-" : time.toString())
                + (offset == PublishAck.NOT_STORED ? "" : "  #" + offset);
        return heading + System.lineSeparator() + Views.pretty(EnvelopeCodec.toJson(message));
    }

    static String payload(Envelope message) {
        return abbreviate(Views.line(message.payload()), PAYLOAD_CHARS);
    }

    static String abbreviate(String text, int max) {
        if (text == null) {
            return null;
        }
        String flat = text.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }
}
