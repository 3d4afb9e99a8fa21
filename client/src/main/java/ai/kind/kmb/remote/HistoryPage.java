package ai.kind.kmb.remote;

import ai.kind.kmb.history.StoredMessage;
import java.util.List;

/**
 * One page of history. {@code nextAfter} is the {@code after} value that fetches the next page, or
 * null when this page reached the end.
 */
public record HistoryPage(List<StoredMessage> messages, Long nextAfter) {
    public HistoryPage {
        messages = List.copyOf(messages);
    }

    public boolean hasMore() {
        return nextAfter != null;
    }
}
