package ai.kind.kmb;

import java.util.List;

/**
 * A subscription filter over topic names, with AMQP topic-exchange semantics: {@code *} matches
 * exactly one segment, {@code #} matches zero or more (so {@code a.#} matches {@code a}, and
 * {@code a.#.b} matches {@code a.b}). A filter whose first segment is a wildcard never matches a
 * system topic (one starting with {@code _}); a filter that itself starts with {@code _} may.
 */
public final class TopicFilter {
    public static final String ONE = "*";
    public static final String ANY = "#";

    private final String text;
    private final List<String> segments;
    private final boolean wildcard;

    private TopicFilter(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
        this.wildcard = segments.contains(ONE) || segments.contains(ANY);
    }

    /** Parses a filter, or throws an error that says which rule it breaks. */
    public static TopicFilter parse(String text) {
        List<String> segments = Topics.split(text);
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (!segment.equals(ONE) && !segment.equals(ANY)) {
                Topics.requireLiteralSegment(text, segment, i);
            }
        }
        return new TopicFilter(text, segments);
    }

    public boolean matches(String topic) {
        List<String> topicSegments = List.of(topic.split("\\.", -1));
        if (Topics.isSystem(topic) && !text.startsWith(Topics.SYSTEM_PREFIX)) {
            return false;
        }
        return matchesSegments(topicSegments);
    }

    /**
     * Dynamic programming over (filter position, topic position): {@code matched[f][t]} says whether
     * the filter from segment f matches the topic from segment t. At most 17 by 17 cells, and no
     * backtracking blow-up on filters like {@code #.a.#.a.#}.
     */
    private boolean matchesSegments(List<String> topic) {
        int filterLength = segments.size();
        int topicLength = topic.size();
        boolean[] next = new boolean[topicLength + 1];
        next[topicLength] = true;
        for (int f = filterLength - 1; f >= 0; f--) {
            String segment = segments.get(f);
            boolean[] current = new boolean[topicLength + 1];
            for (int t = topicLength; t >= 0; t--) {
                if (segment.equals(ANY)) {
                    current[t] = next[t] || (t < topicLength && current[t + 1]);
                } else {
                    current[t] = t < topicLength && (segment.equals(ONE) || segment.equals(topic.get(t))) && next[t + 1];
                }
            }
            next = current;
        }
        return next[0];
    }

    public List<String> segments() {
        return segments;
    }

    /** True when the filter has no wildcard and so names exactly one topic. */
    public boolean isLiteral() {
        return !wildcard;
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicFilter that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
