package ai.kind.kmb.replay;

import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.Topics;

/**
 * Where replayed messages go: back to their original topics, or under a prefix so that a replay
 * can be watched apart from live traffic ({@code a.b} under prefix {@code replay} becomes
 * {@code replay.a.b}).
 */
public sealed interface ReplayTarget {

    record Original() implements ReplayTarget {
    }

    /** {@code prefix} is itself a valid topic name, one or more segments. */
    record Prefix(String prefix) implements ReplayTarget {
        public Prefix {
            Topics.requireValidName(prefix);
        }
    }

    ReplayTarget ORIGINAL = new Original();

    static ReplayTarget prefix(String prefix) {
        return new Prefix(prefix);
    }

    /** Parses the wire form: {@code original} (or nothing), else a prefix. */
    static ReplayTarget parse(String text) {
        return text == null || text.isBlank() || text.equals("original") ? ORIGINAL : new Prefix(text);
    }

    default String wireForm() {
        return switch (this) {
            case Original o -> "original";
            case Prefix p -> p.prefix();
        };
    }

    /**
     * The topic a message of {@code topic} is replayed to, or an {@link InvalidTopicException}
     * saying which topic rule the result breaks (too long, too many segments).
     */
    default String apply(String topic) {
        return switch (this) {
            case Original o -> topic;
            case Prefix p -> Topics.requireValidName(p.prefix() + "." + topic);
        };
    }

    /**
     * The filter of every topic a replay of the messages {@code read} matches writes to, or an
     * {@link InvalidTopicException} when the prefix makes it longer than a filter may be.
     */
    default TopicFilter apply(TopicFilter read) {
        return switch (this) {
            case Original o -> read;
            case Prefix p -> TopicFilter.parse(p.prefix() + "." + read.text());
        };
    }
}
