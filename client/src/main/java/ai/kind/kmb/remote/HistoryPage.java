package ai.kind.kmb.remote;

import java.util.List;

/**
 * One page of history. {@code nextAfter} is the {@code after} value that fetches the next page, or
 * null when this page reached the end.
 */
public record HistoryPage(List<HistoryEntry> messages, Long nextAfter) {
    public HistoryPage {
        messages = List.copyOf(messages);
    }

    public boolean hasMore() {
        return nextAfter != null;
    }
}
