package ai.kind.kmb.ui.publish;

import ai.kind.kmb.MessageType;
import java.time.Instant;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What was sent, newest first, bounded; each line's outcome is updated as replies come. UI executor only. */
final class SentHistory {
    private final int capacity;
    private final ObservableList<SentMessage> lines = FXCollections.observableArrayList();
    private final ObservableList<SentMessage> view = FXCollections.unmodifiableObservableList(lines);
    private long sends;

    SentHistory(int capacity) {
        this.capacity = capacity;
    }

    ObservableList<SentMessage> lines() {
        return view;
    }

    SentMessage add(Instant at, String topic, MessageType type, String payload, boolean durable) {
        SentMessage sent = new SentMessage(++sends, at, topic, type, payload, durable, "sending…");
        lines.addFirst(sent);
        if (lines.size() > capacity) {
            lines.removeLast();
        }
        return sent;
    }

    /** Sets the outcome of the send numbered like {@code sent}, if it is still in the history. */
    void outcome(SentMessage sent, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).number() == sent.number()) {
                lines.set(i, lines.get(i).withOutcome(text));
                return;
            }
        }
    }
}
