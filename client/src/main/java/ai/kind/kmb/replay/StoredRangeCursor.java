package ai.kind.kmb.replay;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Pages through a stored range with {@link HistoryQuery}. The range ends at the last offset the
 * log held when the cursor opened: without that bound, a replay to the original topics would find
 * its own output in the log and never end.
 */
final class StoredRangeCursor implements SourceCursor {
    private final ReplaySource.StoredRange range;
    private final TopicFilter filter;
    private final long lastOffset;
    private long after;
    private Iterator<StoredMessage> page = Collections.emptyIterator();
    private boolean exhausted;

    StoredRangeCursor(ReplaySource.StoredRange range, TopicFilter filter) {
        this.range = range;
        this.filter = filter;
        this.lastOffset = range.history().lastOffset();
    }

    @Override
    public SourceItem next() {
        while (!exhausted) {
            if (page.hasNext()) {
                StoredMessage message = page.next();
                if (message.offset() > lastOffset) {
                    exhausted = true;
                    break;
                }
                return new SourceItem.Message(message.receivedAt(), message.offset(), message.envelope());
            }
            List<StoredMessage> messages = fetch(after);
            if (messages.isEmpty()) {
                exhausted = true;
            } else {
                after = messages.getLast().offset();
                page = messages.iterator();
            }
        }
        return null;
    }

    /**
     * Counts what this cursor yields, in a pass of its own (a page at a time, like the replay), so
     * progress can show a total. Returns {@link ReplayProgress#UNKNOWN} if {@code stop} says to.
     */
    long count(BooleanSupplier stop) {
        long count = 0;
        long position = 0;
        while (!stop.getAsBoolean()) {
            List<StoredMessage> messages = fetch(position);
            if (messages.isEmpty()) {
                return count;
            }
            for (StoredMessage message : messages) {
                if (message.offset() > lastOffset) {
                    return count;
                }
                count++;
            }
            position = messages.getLast().offset();
        }
        return ReplayProgress.UNKNOWN;
    }

    @Override
    public void close() {
        page = Collections.emptyIterator();
        exhausted = true;
    }

    private List<StoredMessage> fetch(long afterOffset) {
        if (afterOffset >= lastOffset) {
            return List.of();
        }
        List<StoredMessage> messages = range.history().query(
                new HistoryQuery(filter, range.from(), range.to(), null, afterOffset, range.pageSize()));
        if (!messages.isEmpty() && messages.getLast().offset() <= afterOffset) {
            // A store that hands back the same page again would otherwise loop forever.
            throw new IllegalStateException("the store answered a history query after offset " + afterOffset
                    + " with offset " + messages.getLast().offset());
        }
        return messages;
    }
}
