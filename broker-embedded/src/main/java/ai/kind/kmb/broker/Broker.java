package ai.kind.kmb.broker;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.cluster.NodeLink;
import ai.kind.kmb.broker.cluster.RemoteTraffic;
import ai.kind.kmb.broker.delivery.Advisories;
import ai.kind.kmb.broker.delivery.DeadLetterer;
import ai.kind.kmb.broker.delivery.DurableConsumers;
import ai.kind.kmb.broker.delivery.RouteTarget;
import ai.kind.kmb.broker.pipeline.DeliveryHooks;
import ai.kind.kmb.broker.pipeline.PublishPipeline;
import ai.kind.kmb.broker.pipeline.PublishStage;
import ai.kind.kmb.broker.registry.SchemaValidationStep;
import ai.kind.kmb.broker.registry.TopicRegistry;
import ai.kind.kmb.broker.pipeline.StepOutcome;
import ai.kind.kmb.broker.ratelimit.RateLimits;
import ai.kind.kmb.broker.routing.TopicTrie;
import ai.kind.kmb.broker.snapshot.SnapshotOperations;
import ai.kind.kmb.broker.snapshot.SnapshotStores;
import ai.kind.kmb.broker.stats.TopicStatistics;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.tx.Transactions;
import ai.kind.kmb.tx.TransactionOptions;
import ai.kind.kmb.tx.TransactionalBus;
import ai.kind.kmb.history.StoredMessage;
import java.time.Clock;
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
    private final TopicTrie<RouteTarget> routes = new TopicTrie<>();
    private final DedupWindow dedup;
    private final DurableConsumers durables;
    private final LiveSubscriptions live;
    private final DeadLetterOperations deadLetters;
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
        this.pipeline = pipeline;
        this.rateLimits = RateLimits.system(pipeline);
        this.options = options;
        this.clock = clock;
        this.topicStatistics = new TopicStatistics(clock, TopicStatistics.DEFAULT_MAX_TOPICS);
        // The broker's own advisories skip the pipeline: a failing step must not announce itself forever.
        Advisories advisories = new Advisories(
                advisory -> publishAccepted(advisory.stamped(clock.instant()), false, PublishOptions.EPHEMERAL));
        this.deadLetterer = new DeadLetterer(store, advisories, clock);
        this.dedup = new DedupWindow(options.dedupWindow(), options.dedupMaxIds(), clock);
        this.durables = new DurableConsumers(store, deadLetterer, clock,
                consumer -> routes.add(consumer.options().topicFilter(), consumer),
                link.shared() ? consumer -> routes.remove(consumer.options().topicFilter(), consumer) : null);
        this.live = new LiveSubscriptions(routes, advisories, options.advisoryInterval());
        this.deadLetters = new DeadLetterOperations(store,
                (message, durable) -> publishUnchecked(message.stamped(clock.instant()), durable));
        this.snapshots = new SnapshotOperations(SnapshotStores.defaultFor(store), clock);
        new DedupWarmUp(store, dedup, options.dedupWindow(), clock).run();
        this.timer = new BrokerTimer(store, dedup, options, clock);
        this.transactions = new Transactions(pipeline, this::commitStaged, clock, options.durableByDefault());
        link.start(new RemoteTraffic() {
            @Override
            public void ephemeral(Envelope message) {
                route(message, PublishAck.NOT_STORED);
            }

            @Override
            public void appended(StoredMessage stored) {
                route(stored.envelope(), stored.offset());
            }
        });
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
        boolean durable = publishOptions.durable() != null ? publishOptions.durable() : options.durableByDefault();
        if (!clientChoseId) {
            return publishUnchecked(stamped, durable);
        }
        CompletableFuture<PublishAck> outcome = new CompletableFuture<>();
        CompletableFuture<PublishAck> earlier = dedup.claim(stamped.id(), outcome);
        if (earlier != null) {
            return earlier.thenApply(ack -> new PublishAck(ack.id(), ack.offset(), true));
        }
        StoredMessage elsewhere = link.shared() && durable ? storedEarlier(stamped.id()) : null;
        if (elsewhere != null) {
            outcome.complete(new PublishAck(stamped.id(), elsewhere.offset(), false));
            return outcome.thenApply(ack -> new PublishAck(ack.id(), ack.offset(), true));
        }
        publishUnchecked(stamped, durable).whenComplete((ack, error) -> {
            if (error != null) {
                dedup.release(stamped.id(), outcome);
                outcome.completeExceptionally(error);
            } else {
                outcome.complete(ack);
            }
        });
        return outcome;
    }

    /**
     * On a shared log another node may have stored this id: the dedup window is per node, the log is
     * not. Null when it is not there, or when the store cannot say (the append then reports why).
     */
    private StoredMessage storedEarlier(String id) {
        try {
            return store.findById(id, clock.instant().minus(options.dedupWindow())).orElse(null);
        } catch (KmbException e) {
            return null;
        }
    }

    /** The publisher is refused with the step's code, and told where the message was kept. */
    private CompletableFuture<PublishAck> deadLetterAtPublish(StepOutcome.DeadLetter letter) {
        return deadLetterer.kill(letter.message(), letter.reason(), PUBLISH_PATH, 0, letter.error())
                .thenApply(kept -> {
                    throw new KmbException(letter.code(), letter.error() + " (kept as dead letter " + kept.id() + ")");
                });
    }

    /** Publishes without the dedup check: for new ids, and for requeued dead letters that keep theirs. */
    private CompletableFuture<PublishAck> publishUnchecked(Envelope message, boolean durable) {
        KmbException unanswered = noResponders(message);
        if (unanswered != null) {
            return CompletableFuture.failedFuture(unanswered);
        }
        if (!durable) {
            return broadcast(List.of(message)).thenApply(sent -> route(message, PublishAck.NOT_STORED));
        }
        return store.append(message, clock.instant()).thenApply(stored -> routeAppended(stored));
    }

    /**
     * Delivers a committed transaction: nothing if any of its requests has nobody to answer it;
     * otherwise all of it, in order, after one atomic append when durable.
     */
    private CompletableFuture<List<PublishAck>> commitStaged(List<Envelope> messages, boolean durable) {
        for (Envelope message : messages) {
            KmbException unanswered = noResponders(message);
            if (unanswered != null) {
                return CompletableFuture.failedFuture(unanswered);
            }
        }
        if (!durable) {
            return broadcast(messages).thenApply(sent -> sent.stream()
                    .map(message -> route(message, PublishAck.NOT_STORED)).toList());
        }
        return store.appendAll(messages, clock.instant())
                .thenApply(stored -> stored.stream().map(this::routeAppended).toList());
    }

    /** Ephemeral messages go to the other nodes of a shared bus first; a link that is down refuses them. */
    private CompletableFuture<List<Envelope>> broadcast(List<Envelope> messages) {
        try {
            messages.forEach(link::broadcast);
            return CompletableFuture.completedFuture(messages);
        } catch (KmbException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Routed after the write: subscriptions may have come or gone while it was being synced. On a
     * shared bus the link's tail of the log routes every appended message, this node's own included.
     */
    private PublishAck routeAppended(StoredMessage stored) {
        if (!link.shared()) {
            route(stored.envelope(), stored.offset());
        }
        return new PublishAck(stored.envelope().id(), stored.offset(), false);
    }

    /** A request (command, query, transaction prepare) that only observers or nobody would hear fails. */
    private KmbException noResponders(Envelope message) {
        boolean asks = message.type() == MessageType.COMMAND || message.type() == MessageType.QUERY
                || message.type() == MessageType.TRANSACTIONAL && "prepare".equals(message.metadata().status());
        // On a shared bus the responder may be on another node, which this one cannot see.
        if (!asks || link.shared() || routes.match(message.topic()).stream().anyMatch(RouteTarget::responder)) {
            return null;
        }
        return new KmbException(ErrorCode.NO_RESPONDERS, "no subscriber for " + message.type().wireName()
                + ("prepare".equals(message.metadata().status()) ? " prepare" : "") + " on '" + message.topic() + "'");
    }

    private PublishAck route(Envelope message, long offset) {
        Set<RouteTarget> targets = routes.match(message.topic());
        targets.forEach(target -> target.offer(message, offset));
        topicStatistics.record(message.topic());
        return new PublishAck(message.id(), offset, false);
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
        if (closed) {
            throw new KmbException(ErrorCode.UNAVAILABLE, "the broker is shut down");
        }
        String id = "s" + subscriptionIds.incrementAndGet();
        MessageHandler intercepted = deliveryHooks.wrap(subscribeOptions, handler);
        if (!subscribeOptions.isDurable()) {
            return live.subscribe(id, subscribeOptions, intercepted);
        }
        return durables.open(subscribeOptions).attach(id, subscribeOptions, intercepted);
    }

    /** Stops a durable consumer and forgets its position; true if it existed. */
    public boolean deleteDurable(String name) {
        durables.get(name).ifPresent(consumer -> routes.remove(consumer.options().topicFilter(), consumer));
        return durables.delete(name);
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
