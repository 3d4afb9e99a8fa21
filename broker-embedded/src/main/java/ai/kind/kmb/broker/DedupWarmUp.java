package ai.kind.kmb.broker;

import ai.kind.kmb.PublishAck;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.broker.store.MessageLog;
import ai.kind.kmb.history.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Fills the dedup window from the log at start-up, so that a publisher retrying across a broker
 * restart is still answered with the stored copy rather than a second one.
 */
final class DedupWarmUp {
    private static final int PAGE = 1000;

    private final MessageLog log;
    private final DedupWindow dedup;
    private final Duration window;
    private final Clock clock;

    DedupWarmUp(MessageLog log, DedupWindow dedup, Duration window, Clock clock) {
        this.log = log;
        this.dedup = dedup;
        this.window = window;
        this.clock = clock;
    }

    void run() {
        HistoryQuery page = new HistoryQuery(null, clock.instant().minus(window), null, null, 0, PAGE);
        List<StoredMessage> messages;
        do {
            messages = log.query(page);
            for (StoredMessage message : messages) {
                String id = message.envelope().id();
                dedup.remember(id, message.receivedAt(), new PublishAck(id, message.offset(), false));
            }
            if (!messages.isEmpty()) {
                page = page.after(messages.getLast().offset());
            }
        } while (messages.size() == PAGE);
    }
}
