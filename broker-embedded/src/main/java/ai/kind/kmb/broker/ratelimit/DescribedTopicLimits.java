package ai.kind.kmb.broker.ratelimit;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.broker.pipeline.PublishStep;
import ai.kind.kmb.broker.pipeline.StepOutcome;
import ai.kind.kmb.limits.RateLimitStats;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Rate limits that topics' descriptors state (the registry's {@code rate_limit}): one bucket per
 * described topic, refusing with {@code rate_limited} and a retry-after when it is empty. The
 * registry reloads on change, so each publish asks for the topic's current limit; a changed limit
 * starts a new bucket and new counts.
 */
final class DescribedTopicLimits implements PublishStep {
    private record Described(LimitSpec spec, RateLimiter limiter) {
    }

    private final Function<String, Optional<LimitSpec>> limitOf;
    private final LongSupplier ticker;
    private final Pause pause;
    private final Map<String, Described> byTopic = new ConcurrentHashMap<>();

    DescribedTopicLimits(Function<String, Optional<LimitSpec>> limitOf, LongSupplier ticker, Pause pause) {
        this.limitOf = limitOf;
        this.ticker = ticker;
        this.pause = pause;
    }

    @Override
    public StepOutcome apply(Envelope message) {
        String topic = message.topic();
        Optional<LimitSpec> spec = limitOf.apply(topic);
        if (spec.isEmpty()) {
            byTopic.remove(topic);
        } else {
            byTopic.compute(topic, (name, current) -> current != null && current.spec().equals(spec.get()) ? current
                    : new Described(spec.get(), new RateLimiter("topic", name, spec.get(), ticker, pause)))
                    .limiter().acquire(topic);
        }
        return new StepOutcome.Continue(message);
    }

    /** The limits of the topics published to so far, by topic. */
    List<RateLimitStats> stats() {
        return byTopic.values().stream().map(described -> described.limiter().stats())
                .sorted(Comparator.comparing(RateLimitStats::filter)).toList();
    }

    @Override
    public String name() {
        return "topic rate limits from the registry";
    }
}
