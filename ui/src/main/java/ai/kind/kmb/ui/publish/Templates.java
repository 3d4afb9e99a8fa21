package ai.kind.kmb.ui.publish;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.Topics;
import ai.kind.kmb.history.History;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import javafx.collections.ObservableList;

/**
 * Where a new message starts from, until a schema registry exists: the last message seen on the
 * topic. The live feed tells us about each topic's last message as it goes by ({@link #seen}); for
 * a topic it has not seen, the history is searched backwards, a window at a time, a bounded way.
 */
final class Templates {
    static final int MAX_TOPICS = 4_096;
    static final int WINDOW = 2_000;
    static final int MAX_WINDOWS = 25;
    private static final List<MessageType> SUGGESTED_FIRST = List.of(MessageType.COMMAND, MessageType.QUERY,
            MessageType.EVENT);

    // Least recently seen first out, so the map stays bounded on a bus with endless topic names.
    private final LinkedHashMap<String, Envelope> last = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Envelope> eldest) {
            return size() > MAX_TOPICS;
        }
    };

    /** Called on the UI executor with the live feed's newest message per topic. */
    void seen(Envelope message) {
        last.put(message.topic(), message);
    }

    Optional<Envelope> fromLive(String topic) {
        return Optional.ofNullable(last.get(topic));
    }

    /**
     * The live topic most worth starting from: one that carried a command, else a query, else an
     * event (the first by name among equals), since a round trip is what the composer shows best.
     */
    Optional<Envelope> suggestion() {
        // Iterating an access-ordered map does not reorder it; only get and put do.
        return last.values().stream()
                .filter(message -> !Topics.isSystem(message.topic()) && PublishModel.SENDABLE.contains(message.type()))
                .min(Comparator.comparing((Envelope message) -> SUGGESTED_FIRST.indexOf(message.type()))
                        .thenComparing(Envelope::topic));
    }

    /** Adds {@code more} to {@code topics}, sorted, without system topics, at most {@value #MAX_TOPICS}. */
    static void merge(ObservableList<String> topics, Stream<String> more) {
        TreeSet<String> names = new TreeSet<>(topics);
        boolean added = false;
        for (String name : (Iterable<String>) more::iterator) {
            added |= !Topics.isSystem(name) && names.size() < MAX_TOPICS && names.add(name);
        }
        if (added) {
            topics.setAll(names);
        }
    }

    /** Searches the history backwards for the newest message on {@code topic}. Blocking: background only. */
    static Optional<Envelope> fromHistory(History history, String topic) {
        TopicFilter exact = TopicFilter.parse(topic);
        long end = history.lastOffset();
        for (int window = 0; window < MAX_WINDOWS && end > 0; window++) {
            long after = Math.max(0, end - WINDOW);
            // A window holds at most WINDOW offsets, so one page of that size holds all its matches.
            List<StoredMessage> page = history.query(new HistoryQuery(exact, null, null, null, after, WINDOW));
            if (!page.isEmpty()) {
                return Optional.of(page.getLast().envelope());
            }
            end = after;
        }
        return Optional.empty();
    }
}
