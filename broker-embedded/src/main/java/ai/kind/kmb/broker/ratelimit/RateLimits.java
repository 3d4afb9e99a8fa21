package ai.kind.kmb.broker.ratelimit;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.pipeline.PublishPipeline;
import ai.kind.kmb.broker.pipeline.PublishStage;
import ai.kind.kmb.broker.pipeline.PublishStep;
import ai.kind.kmb.broker.pipeline.StepOutcome;
import ai.kind.kmb.limits.RateLimitStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The broker's rate limits. The client limit is enforced where a client is known, in the network
 * session ({@link #admitClient}); topic limits are a {@link PublishStep} at the front of the
 * publish pipeline, installed the first time any are configured, so they hold for every publisher
 * in process too. A throttled publish waits on its own thread: on the network paths that is the
 * connection's virtual thread, so a throttled client slows down itself alone.
 */
public final class RateLimits {
    private final PublishPipeline pipeline;
    private final LongSupplier ticker;
    private final Pause pause;
    private final AtomicBoolean stepInstalled = new AtomicBoolean();
    private volatile RateLimiter client;
    private volatile List<Topic> topics = List.of();
    private volatile DescribedTopicLimits described;

    private record Topic(TopicFilter filter, RateLimiter limiter) {
    }

    public RateLimits(PublishPipeline pipeline, LongSupplier ticker, Pause pause) {
        this.pipeline = pipeline;
        this.ticker = ticker;
        this.pause = pause;
    }

    public static RateLimits system(PublishPipeline pipeline) {
        return new RateLimits(pipeline, System::nanoTime, Pause.PARK);
    }

    /** Replaces the limits (and their counts) with these. */
    public void configure(RateLimitConfig config) {
        client = config.perClient() == null ? null
                : new RateLimiter("client", TopicFilter.ANY, config.perClient(), ticker, pause);
        List<Topic> configured = new ArrayList<>();
        for (TopicLimit limit : config.topics()) {
            configured.add(new Topic(limit.filter(),
                    new RateLimiter("topic", limit.filter().text(), limit.spec(), ticker, pause)));
        }
        topics = List.copyOf(configured);
        if (!configured.isEmpty() && stepInstalled.compareAndSet(false, true)) {
            pipeline.add(PublishStage.BEFORE_VALIDATION, new TopicStep());
        }
    }

    /**
     * Also limits each topic whose description states a limit ({@code limitOf} answers with the
     * topic's current one, or empty), in the same pipeline stage as the configured topic limits.
     */
    public void useDescribedLimits(Function<String, Optional<LimitSpec>> limitOf) {
        if (described != null) {
            throw new IllegalStateException("described topic limits are already in use");
        }
        described = new DescribedTopicLimits(limitOf, ticker, pause);
        pipeline.add(PublishStage.BEFORE_VALIDATION, described);
    }

    /**
     * Takes a token from this client's bucket, waiting when throttled; throws {@code rate_limited}
     * with a retry-after detail when refused. Does nothing without a client limit.
     */
    public void admitClient(String clientKey) {
        RateLimiter limiter = client;
        if (limiter != null) {
            limiter.acquire(clientKey);
        }
    }

    /**
     * What each limit decided so far: the client limit first, then the configured topic limits in
     * order, then the described topics' limits by topic.
     */
    public List<RateLimitStats> stats() {
        List<RateLimitStats> all = new ArrayList<>();
        RateLimiter limiter = client;
        if (limiter != null) {
            all.add(limiter.stats());
        }
        topics.forEach(topic -> all.add(topic.limiter().stats()));
        DescribedTopicLimits fromRegistry = described;
        if (fromRegistry != null) {
            all.addAll(fromRegistry.stats());
        }
        return all;
    }

    private final class TopicStep implements PublishStep {
        @Override
        public StepOutcome apply(Envelope message) {
            for (Topic topic : topics) {
                if (topic.filter().matches(message.topic())) {
                    topic.limiter().acquire(topic.filter().text());
                }
            }
            return new StepOutcome.Continue(message);
        }

        @Override
        public String name() {
            return "topic rate limits";
        }
    }
}
