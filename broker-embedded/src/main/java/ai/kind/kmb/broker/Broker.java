package ai.kind.kmb.broker;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.cluster.DurablesReport;
import ai.kind.kmb.broker.cluster.NodeLink;
import ai.kind.kmb.broker.cluster.QueueGroup;
import ai.kind.kmb.broker.cluster.RemoteTraffic;
import ai.kind.kmb.broker.delivery.Advisories;
import ai.kind.kmb.broker.delivery.DeadLetterer;
import ai.kind.kmb.broker.delivery.DurableConsumers;
import ai.kind.kmb.broker.delivery.NodeSharing;
import ai.kind.kmb.broker.delivery.SubscriberOrigin;
import ai.kind.kmb.broker.pipeline.DeliveryHooks;
import ai.kind.kmb.broker.pipeline.PublishPipeline;
import ai.kind.kmb.broker.pipeline.PublishStage;
import ai.kind.kmb.broker.registry.SchemaValidationStep;
import ai.kind.kmb.broker.registry.TopicRegistry;
import ai.kind.kmb.broker.pipeline.StepOutcome;
import ai.kind.kmb.broker.ratelimit.LimitMode;
import ai.kind.kmb.broker.ratelimit.LimitSpec;
import ai.kind.kmb.broker.ratelimit.RateLimits;
import ai.kind.kmb.broker.snapshot.SnapshotOperations;
import ai.kind.kmb.broker.snapshot.SnapshotStores;
import ai.kind.kmb.broker.stats.TopicStatistics;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.SharedConsumers;
import ai.kind.kmb.broker.tx.Transactions;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.tx.TransactionOptions;
import ai.kind.kmb.tx.TransactionalBus;
import ai.kind.kmb.history.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker in process: publish and subscribe over a topic trie, ephemeral and durable delivery,
 * idempotent publish, dead letters. It owns the store it is given and closes it. With a shared
 * {@link NodeLink} it is one node of a bus: it hears the other nodes' messages and reaches them.
 */
public final class Broker implements Bus, TransactionalBus {
    /** The subscriber named in the death record of a message dead-lettered before any delivery. */
    public static final String PUBLISH_PATH = "_publish";
    private final MessageStore store;
    private final BrokerOptions options;
    private final Clock clock;
    private final Routes routes;
    private final NoResponders noResponders;
    private final Publisher publisher;
    private final DedupWindow dedup;
    private final DurableConsumers durables;
    private final LiveSubscriptions live;
    private final DeadLetterOperations deadLetters;
    private final DurableOperations durableOperations;
    private final SnapshotOperations snapshots;
    private final BrokerTimer timer;
    private final TopicStatistics topicStatistics;
    private final PublishPipeline pipeline;
    private final DeliveryHooks deliveryHooks = new DeliveryHooks();
    private final RateLimits rateLimits;
    private final DeadLetterer deadLetterer;
    private final Transactions transactions;
    private final NodeLink link;
    private final AtomicLong subscriptionIds = new AtomicLong();
    private volatile TopicRegistry registry;
    private volatile boolean closed;

    public Broker(MessageStore store, BrokerOptions options, Clock clock) {
        this(store, options, clock, new PublishPipeline());
    }

    public Broker(MessageStore store, BrokerOptions options, Clock clock, PublishPipeline pipeline) {
        this(store, options, clock, pipeline, NodeLink.STANDALONE);
    }

    /** A node of a shared bus: {@code link} carries its traffic to and from the other nodes; the broker closes it. */
    public Broker(MessageStore store, BrokerOptions options, Clock clock, PublishPipeline pipeline, NodeLink link) {
        this.store = store;
        this.link = link;
        this.routes = new Routes(link.responders()::changed);
        this.noResponders = new NoResponders(routes, link);
        this.pipeline = pipeline;
        this.rateLimits = RateLimits.system(pipeline);
        this.options = options;
        this.clock = clock;
        this.topicStatistics = new TopicStatistics(clock, TopicStatistics.DEFAULT_MAX_TOPICS);
        this.publisher = new Publisher(store, link, routes, noResponders, topicStatistics, clock,
                options.dedupWindow());
        // The broker's own advisories skip the pipeline: a failing step must not announce itself forever.
        Advisories advisories = new Advisories(
                advisory -> publishAccepted(advisory.stamped(clock.instant()), false, PublishOptions.EPHEMERAL));
        this.deadLetterer = new DeadLetterer(store, advisories, clock);
        this.dedup = new DedupWindow(options.dedupWindow(), options.dedupMaxIds(), clock);
        NodeSharing sharing = sharing(store, link, options);
        this.durables = new DurableConsumers(store, deadLetterer, clock,
                consumer -> routes.add(consumer.options().topicFilter(), consumer), sharing);
        this.durableOperations = new DurableOperations(store, durables, sharing, link.reports(), clock,
                this::deleteDurable);
        this.live = new LiveSubscriptions(routes, advisories, options.advisoryInterval(), link.responders());
        this.deadLetters = new DeadLetterOperations(store,
                (message, durable) -> publisher.publish(message.stamped(clock.instant()), durable));
        this.snapshots = new SnapshotOperations(SnapshotStores.defaultFor(store), clock);
        new DedupWarmUp(store, dedup, options.dedupWindow(), clock).run();
        this.timer = new BrokerTimer(this::enforceRetention, dedup, options.retentionInterval());
        this.transactions = new Transactions(pipeline, publisher::commit, clock, options.durableByDefault());
        link.start(new RemoteTraffic() {
            @Override
            public void ephemeral(Envelope message) {
                publisher.route(message, PublishAck.NOT_STORED);
            }

            @Override
            public void appended(StoredMessage stored) {
                publisher.route(stored.envelope(), stored.offset());
            }

            @Override
            public Set<String> responderFilters() {
                return routes.responderFilters();
            }

            @Override
            public Set<QueueGroup> queueGroups() {
                return live.groups();
            }

            @Override
            public DurablesReport durables() {
                return durableOperations.report();
            }
        });
    }

    /** On a shared bus the nodes serve durables together, through the shared store's groups. */
    private NodeSharing sharing(MessageStore store, NodeLink link, BrokerOptions options) {
        if (!link.shared()) {
            return null;
        }
        if (!(store instanceof SharedConsumers groups)) {
            throw new IllegalArgumentException("a node of a shared bus needs a store the nodes share (Redis or "
                    + "PostgreSQL), not " + store.getClass().getSimpleName());
        }
        return new NodeSharing(groups, link.nodeId(), options.claimLease(),
                consumer -> routes.remove(consumer.options().topicFilter(), consumer), link.reports()::membersChanged);
    }

    public static Broker start(MessageStore store, BrokerOptions options) {
        return new Broker(store, options, Clock.systemUTC());
    }

    /** A node of a shared bus (see {@code cluster.SharedBus}). */
    public static Broker start(MessageStore store, BrokerOptions options, NodeLink link) {
        return new Broker(store, options, Clock.systemUTC(), new PublishPipeline(), link);
    }

    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions publishOptions) {
        if (closed) {
            return CompletableFuture.failedFuture(new KmbException(ErrorCode.UNAVAILABLE, "the broker is shut down"));
        }
        Envelope stamped = message.stamped(clock.instant());
        return switch (pipeline.run(stamped)) {
            case StepOutcome.Continue(Envelope accepted) -> publishAccepted(accepted, message.id() != null,
                    publishOptions);
            case StepOutcome.Refuse(KmbException error) -> CompletableFuture.failedFuture(error);
            case StepOutcome.Drop drop -> CompletableFuture.completedFuture(
                    new PublishAck(stamped.id(), PublishAck.NOT_STORED, false));
            case StepOutcome.DeadLetter letter -> deadLetterAtPublish(letter);
        };
    }

    private CompletableFuture<PublishAck> publishAccepted(Envelope stamped, boolean clientChoseId,
                                                         PublishOptions publishOptions) {
        boolean durable = publishOptions.durable() != null ? publishOptions.durable() : durableByDefault(stamped);
        if (!clientChoseId) {
            return publisher.publish(stamped, durable);
        }
        CompletableFuture<PublishAck> outcome = new CompletableFuture<>();
        CompletableFuture<PublishAck> earlier = dedup.claim(stamped.id(), outcome);
        if (earlier != null) {
            return earlier.thenApply(ack -> new PublishAck(ack.id(), ack.offset(), true));
        }
        // The dedup window is per node, the shared log is not: there the store decides, atomically.
        CompletableFuture<PublishAck> published = link.shared() && durable ? publisher.publishOnce(stamped)
                : publisher.publish(stamped, durable);
        published.whenComplete((ack, error) -> {
            if (error != null) {
                dedup.release(stamped.id(), outcome);
                outcome.completeExceptionally(error);
            } else {
                outcome.complete(new PublishAck(ack.id(), ack.offset(), false));
            }
        });
        return published;
    }

    /** What the topic's description says, else the broker's default. */
    private boolean durableByDefault(Envelope message) {
        TopicRegistry described = registry;
        return Optional.ofNullable(described).flatMap(r -> r.descriptorFor(message.topic()))
                .map(TopicDescriptor::durability).map("durable"::equals).orElse(options.durableByDefault());
    }

    /** The publisher is refused with the step's code, and told where the message was kept. */
    private CompletableFuture<PublishAck> deadLetterAtPublish(StepOutcome.DeadLetter letter) {
        return deadLetterer.kill(letter.message(), letter.reason(), PUBLISH_PATH, 0, letter.error())
                .thenApply(kept -> {
                    throw new KmbException(letter.code(), letter.error() + " (kept as dead letter " + kept.id() + ")");
                });
    }

    // ---- transactions

    @Override
    public CompletableFuture<String> beginTransaction(TransactionOptions transactionOptions) {
        if (closed) {
            return CompletableFuture.failedFuture(new KmbException(ErrorCode.UNAVAILABLE, "the broker is shut down"));
        }
        return CompletableFuture.completedFuture(transactions.begin(transactionOptions));
    }

    @Override
    public CompletableFuture<PublishAck> publishInTransaction(String transactionId, Envelope message) {
        try {
            return CompletableFuture.completedFuture(transactions.stage(transactionId, message));
        } catch (KmbException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<List<PublishAck>> commitTransaction(String transactionId) {
        return transactions.commit(transactionId);
    }

    @Override
    public CompletableFuture<Void> abortTransaction(String transactionId) {
        transactions.abort(transactionId);
        return CompletableFuture.completedFuture(null);
    }

    /** Transactions open now, for metrics and tests. */
    public int openTransactions() {
        return transactions.openCount();
    }

    @Override
    public Subscription subscribe(SubscribeOptions subscribeOptions, MessageHandler handler) {
        return subscribe(subscribeOptions, handler, SubscriberOrigin.IN_PROCESS);
    }

    /** Subscribes on behalf of {@code origin}, the client behind it, which a durable's members show. */
    public Subscription subscribe(SubscribeOptions subscribeOptions, MessageHandler handler, SubscriberOrigin origin) {
        if (closed) {
            throw new KmbException(ErrorCode.UNAVAILABLE, "the broker is shut down");
        }
        String id = "s" + subscriptionIds.incrementAndGet();
        MessageHandler intercepted = deliveryHooks.wrap(subscribeOptions, handler);
        Subscription subscription = subscribeOptions.isDurable()
                ? durables.open(subscribeOptions).attach(id, subscribeOptions, intercepted, origin)
                : live.subscribe(id, subscribeOptions, intercepted);
        if (!subscribeOptions.observer()) {
            noResponders.announce();
        }
        return subscription;
    }

    /** Stops a durable consumer and forgets its position; true if it existed. */
    public boolean deleteDurable(String name) {
        durables.get(name).ifPresent(consumer -> routes.remove(consumer.options().topicFilter(), consumer));
        return durables.delete(name);
    }

    /** Durable consumers for operators: list with progress, inspect, delete. */
    public DurableOperations durables() {
        return durableOperations;
    }

    /** The steps every publish passes through; the registry, security and plugins add theirs. */
    public PublishPipeline pipeline() {
        return pipeline;
    }

    /** The interceptors every delivery passes through, on the subscription's thread. */
    public DeliveryHooks deliveryHooks() {
        return deliveryHooks;
    }

    /** Per-client and per-topic rate limits; none until configured. */
    public RateLimits rateLimits() {
        return rateLimits;
    }

    /**
     * Enforces {@code registry} on every publish (its schema check joins the pipeline's VALIDATION
     * stage) and makes it reachable through {@link #registry()} for the REST API, connections and
     * other steps (signature checks ask it which topics require signatures). Once per broker; the
     * broker closes the registry when it closes.
     */
    public void useRegistry(TopicRegistry topicRegistry) {
        if (registry != null) {
            throw new IllegalStateException("this broker already uses the registry of " + registry.directory());
        }
        registry = topicRegistry;
        pipeline.add(PublishStage.VALIDATION, new SchemaValidationStep(topicRegistry));
        rateLimits.useDescribedLimits(topic -> topicRegistry.descriptorFor(topic).map(TopicDescriptor::rateLimit)
                .map(limit -> new LimitSpec(limit.perSecond(), limit.burst(), LimitMode.REJECT, Duration.ZERO)));
    }

    /**
     * One retention pass now, the one the broker's timer runs every {@code retentionInterval}: the
     * broker's retention, and for each topic whose descriptor sets one its own retention, the shorter
     * of the two winning for that topic. Returns how many messages went.
     */
    public long enforceRetention() {
        TopicRegistry described = registry;
        RetentionPolicy policy = described == null ? options.retention()
                : options.retention().withTopicMaxAges(described.retentions());
        if (!policy.limitsAnything()) {
            return 0;
        }
        Instant now = clock.instant();
        long removed = store.enforceRetention(policy, now);
        // A consumer may hold a removed message in memory, waiting to deliver it again; on a shared
        // bus another node's pass may have removed it, so this is asked whatever this pass removed.
        durables.forgetRemoved(policy.removedBy(now, store.firstOffset().orElse(Long.MAX_VALUE)));
        return removed;
    }

    public Optional<TopicRegistry> registry() {
        return Optional.ofNullable(registry);
    }

    public DeadLetterOperations deadLetters() {
        return deadLetters;
    }

    /** Agents' snapshots, kept apart from the log; see {@link SnapshotOperations}. */
    public SnapshotOperations snapshots() {
        return snapshots;
    }

    /** The store, for history queries and replay. */
    public MessageStore store() {
        return store;
    }

    /** Messages published per topic since start, with rates. */
    public TopicStatistics topics() {
        return topicStatistics;
    }

    public boolean isClosed() {
        return closed;
    }

    public BrokerOptions options() {
        return options;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        link.close();
        timer.close();
        if (registry != null) {
            registry.close();
        }
        live.closeAll();
        durables.closeAll();
        snapshots.close();
        store.close();
    }
}
