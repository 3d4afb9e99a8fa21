package ai.kind.kmb.broker.security;

import ai.kind.kmb.TopicFilter;
import java.util.List;

/** One direction's allow and deny filters. Deny wins; nothing allowed means nothing permitted. */
public record FilterRules(List<TopicFilter> allow, List<TopicFilter> deny) {
    public static final FilterRules NONE = new FilterRules(List.of(), List.of());

    public FilterRules {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    public boolean permits(String topic) {
        return allow.stream().anyMatch(filter -> filter.matches(topic))
                && deny.stream().noneMatch(filter -> filter.matches(topic));
    }

    /** True if some topic the filter matches may be permitted; false if none ever can. */
    boolean mayOverlap(TopicFilter filter) {
        return allow.stream().anyMatch(allowed -> FilterRelations.overlaps(allowed, filter))
                && !FilterRelations.covers(deny, filter);
    }

    /**
     * True if every topic the filter matches is permitted: the allow filters together cover it and
     * no deny filter shares a topic with it.
     */
    boolean permitsAll(TopicFilter filter) {
        return FilterRelations.covers(allow, filter)
                && deny.stream().noneMatch(denied -> FilterRelations.overlaps(denied, filter));
    }
}
