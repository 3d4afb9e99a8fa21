package ai.kind.kmb.cli;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.history.StoredMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints what {@code tail} receives, and joins stored history to live traffic without a gap or a
 * repeat. The live subscription starts first and is held back while history is printed; then the
 * held messages follow, less the stored ones history already printed (same offset or lower).
 * Handlers run on the subscription's thread and history on the command's, so every method locks.
 */
final class TailPrinter {
    /** Live messages held during catch-up; past this they are counted and dropped, not buffered. */
    static final int MAX_HELD = 100_000;

    private final Cli cli;
    private final boolean pretty;
    private final long limit;
    private final List<Delivery> held = new ArrayList<>();
    private final List<Instant> heldAt = new ArrayList<>();
    private boolean catchingUp;
    private long historyOffset;
    private long printed;
    private long droppedWhileCatchingUp;

    /** {@code limit} 0 prints until stopped. */
    TailPrinter(Cli cli, boolean pretty, long limit, boolean catchingUp) {
        this.cli = cli;
        this.pretty = pretty;
        this.limit = limit;
        this.catchingUp = catchingUp;
    }

    synchronized void live(Delivery delivery) {
        if (!catchingUp) {
            print(Instant.now(), delivery.offset(), delivery.message());
        } else if (held.size() < MAX_HELD) {
            held.add(delivery);
            heldAt.add(Instant.now());
        } else {
            droppedWhileCatchingUp++;
        }
    }

    synchronized void history(StoredMessage message) {
        if (print(message.receivedAt(), message.offset(), message.envelope())) {
            historyOffset = message.offset();
        }
    }

    /** History is printed; the live messages held meanwhile follow, and later ones print at once. */
    synchronized void caughtUp() {
        catchingUp = false;
        for (int i = 0; i < held.size(); i++) {
            Delivery delivery = held.get(i);
            if (delivery.offset() == PublishAck.NOT_STORED || delivery.offset() > historyOffset) {
                print(heldAt.get(i), delivery.offset(), delivery.message());
            }
        }
        held.clear();
        heldAt.clear();
    }

    synchronized boolean done() {
        return limit > 0 && printed >= limit;
    }

    synchronized long printed() {
        return printed;
    }

    synchronized long droppedWhileCatchingUp() {
        return droppedWhileCatchingUp;
    }

    /** False once the limit is reached: nothing more is printed. */
    private boolean print(Instant at, long offset, Envelope message) {
        if (done()) {
            return false;
        }
        if (cli.json()) {
            ObjectNode node = Json.object().put("offset", offset);
            Views.time(node, "received_at", at).set("msg", EnvelopeCodec.toJson(message));
            cli.println(Views.line(node));
        } else {
            cli.println(pretty ? MessageLines.pretty(at, offset, message) : MessageLines.line(at, offset, message));
        }
        printed++;
        if (done()) {
            cli.stop().request();
        }
        return true;
    }
}
