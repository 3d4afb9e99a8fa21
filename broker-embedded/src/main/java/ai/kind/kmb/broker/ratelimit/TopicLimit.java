package ai.kind.kmb.broker.ratelimit;

import ai.kind.kmb.TopicFilter;
import java.util.Objects;

/** One bucket shared by every publish to a topic the filter matches, whoever publishes. */
public record TopicLimit(TopicFilter filter, LimitSpec spec) {
    public TopicLimit {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(spec, "spec");
    }
}
