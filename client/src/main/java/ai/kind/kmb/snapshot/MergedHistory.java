package ai.kind.kmb.snapshot;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.history.History;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The stored messages of several filters after an offset, in offset order and each once (a message
 * two filters match comes once), read a page per filter at a time.
 */
final class MergedHistory {
    static final int PAGE = 500;

    private final List<Cursor> cursors = new ArrayList<>();

    MergedHistory(History history, List<String> filters, long after) {
        filters.forEach(filter -> cursors.add(new Cursor(history, TopicFilter.parse(filter), after)));
    }

    /** The next message, or null at the end of the log. */
    StoredMessage next() {
        StoredMessage first = null;
        for (Cursor cursor : cursors) {
            StoredMessage head = cursor.peek();
            if (head != null && (first == null || head.offset() < first.offset())) {
                first = head;
            }
        }
        if (first != null) {
            long offset = first.offset();
            cursors.forEach(cursor -> cursor.skipThrough(offset));
        }
        return first;
    }

    private static final class Cursor {
        private final History history;
        private final TopicFilter filter;
        private final Deque<StoredMessage> page = new ArrayDeque<>();
        private long after;
        private boolean exhausted;

        Cursor(History history, TopicFilter filter, long after) {
            this.history = history;
            this.filter = filter;
            this.after = after;
        }

        StoredMessage peek() {
            if (page.isEmpty() && !exhausted) {
                List<StoredMessage> read = history.query(new HistoryQuery(filter, null, null, null, after, PAGE));
                page.addAll(read);
                exhausted = read.size() < PAGE;
                if (!read.isEmpty()) {
                    after = read.getLast().offset();
                }
            }
            return page.peekFirst();
        }

        void skipThrough(long offset) {
            while (!page.isEmpty() && page.peekFirst().offset() <= offset) {
                page.removeFirst();
            }
        }
    }
}
