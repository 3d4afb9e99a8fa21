package ai.kind.kmb;

import ai.kind.kmb.HookEvent.Source;
import ai.kind.kmb.remote.ConnectionListener;
import ai.kind.kmb.remote.RemoteBus;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.request.CommandHandle;
import ai.kind.kmb.request.CommandHandler;
import ai.kind.kmb.request.CommandOptions;
import ai.kind.kmb.request.QueryHandler;
import ai.kind.kmb.request.QueryResult;
import ai.kind.kmb.request.Replies;
import ai.kind.kmb.request.ReplyInbox;
import ai.kind.kmb.request.Responders;
import ai.kind.kmb.trace.Tracing;
import ai.kind.kmb.tx.Participants;
import ai.kind.kmb.tx.Transaction;
import ai.kind.kmb.tx.TransactionOptions;
import ai.kind.kmb.tx.TransactionParticipant;
import ai.kind.kmb.tx.TransactionalBus;
import ai.kind.kmb.tx.VoteRound;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The SDK's front door: one API over any {@link Bus}, the embedded broker or a remote server.
 *
 * <pre>{@code
 * try (KmbClient kmb = KmbClient.connect(URI.create("http://127.0.0.1:7420"))) {
 *     kmb.use((delivery, next) -> { long t = System.nanoTime(); next.onMessage(delivery); log(t); })
 *        .hook(Hook.ON_ERROR, e -> alert(e.source(), e.error()));
 *     kmb.subscribe("agent.#", delivery -> handle(delivery.message()));
 *     kmb.publish("agent.health.heartbeat", payload).join();
 * }
 * }</pre>
 *
 * <p>Outbound transformers run in the order added on every message before it is published;
 * inbound ones run on every delivery before {@code on_message}, the middleware and the handler.
 * Registrations may be added at any time, from any thread, and apply from the next message on.
 * See {@link Hook} for the hook points.
 */
public final class KmbClient implements AutoCloseable {
    private final Bus bus;
    private final boolean ownsBus;
    private final Hooks hooks = new Hooks();
    private final List<Function<Envelope, Envelope>> outbound = new CopyOnWriteArrayList<>();
    private final List<Function<Envelope, Envelope>> inbound = new CopyOnWriteArrayList<>();
    private final List<Middleware> middleware = new CopyOnWriteArrayList<>();
    private final DeliveryPipeline pipeline = new DeliveryPipeline(inbound, middleware, hooks);
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ReplyInbox inbox;
    private volatile boolean closed;

    private KmbClient(Bus bus, boolean ownsBus) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.ownsBus = ownsBus;
        this.inbox = new ReplyInbox(bus, this::publish);
        if (bus instanceof RemoteBus remote) {
            remote.addConnectionListener(new HookRelay());
        }
    }

    /** Over a bus someone else owns, such as the embedded broker: closing the client leaves it open. */
    public static KmbClient over(Bus bus) {
        return new KmbClient(bus, false);
    }

    /** Connects to a server at {@code url} ({@code http://host:port}); closing the client disconnects. */
    public static KmbClient connect(URI url) {
        return connect(RemoteBusOptions.defaults(url));
    }

    public static KmbClient connect(URI url, String token) {
        return connect(RemoteBusOptions.defaults(url).withToken(token));
    }

    public static KmbClient connect(RemoteBusOptions options) {
        return new KmbClient(RemoteBus.connect(options), true);
    }

    public Bus bus() {
        return bus;
    }

    // ---- registrations

    /** Adds a transformer applied to every outgoing message, after those added before it. */
    public KmbClient transformOutbound(Function<Envelope, Envelope> transformer) {
        outbound.add(Objects.requireNonNull(transformer, "transformer"));
        return this;
    }

    /** Adds a transformer applied to every delivery before its handler, after those added before it. */
    public KmbClient transformInbound(Function<Envelope, Envelope> transformer) {
        inbound.add(Objects.requireNonNull(transformer, "transformer"));
        return this;
    }

    /** Adds middleware around every handler; the first added is the outermost. */
    public KmbClient use(Middleware layer) {
        middleware.add(Objects.requireNonNull(layer, "middleware"));
        return this;
    }

    public <E extends HookEvent> KmbClient hook(Hook<E> hook, Consumer<? super E> listener) {
        hooks.add(Objects.requireNonNull(hook, "hook"), Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The same by name ({@code before_publish}, {@code on_error}, ...); an unknown name is refused. */
    public KmbClient hook(String name, Consumer<? super HookEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        addUntyped(Hook.named(name), listener);
        return this;
    }

    private <E extends HookEvent> void addUntyped(Hook<E> hook, Consumer<? super HookEvent> listener) {
        hooks.add(hook, listener::accept);
    }

    // ---- publishing

    /** Publishes an event with this payload, with the bus's default durability. */
    public CompletableFuture<PublishAck> publish(String topic, JsonNode payload) {
        return publish(Envelope.event(topic, payload), PublishOptions.DEFAULT);
    }

    public CompletableFuture<PublishAck> publish(String topic, JsonNode payload, Metadata metadata) {
        return publish(Envelope.of(topic, MessageType.EVENT, payload, metadata), PublishOptions.DEFAULT);
    }

    /**
     * Publishes after the outbound transformers. A message without a trace gets one first: a child
     * span of the handler's message when published inside a handler, else a new trace (see
     * {@link Tracing}). The future fails with what a transformer threw, or with the bus's
     * {@link KmbException}; either is also reported to {@code on_error}.
     */
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        Envelope transformed;
        try {
            transformed = Transformers.apply(outbound, Tracing.stamp(message), "outbound");
        } catch (RuntimeException e) {
            hooks.error(Source.OUTBOUND_TRANSFORMER, e, message);
            return CompletableFuture.failedFuture(e);
        }
        hooks.fire(Hook.BEFORE_PUBLISH, new HookEvent.BeforePublish(transformed, options));
        CompletableFuture<PublishAck> outcome;
        try {
            outcome = bus.publish(transformed, options);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.whenComplete((ack, error) -> {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            hooks.fire(Hook.AFTER_PUBLISH, new HookEvent.AfterPublish(transformed, ack, cause));
            if (cause != null) {
                hooks.error(Source.PUBLISH, cause, transformed);
            }
        });
    }

    // ---- commands and queries

    /** Sends a command and follows its statuses with the default time-outs (ACK 5 s, then 30 s). */
    public CommandHandle command(String topic, JsonNode payload) {
        return command(Envelope.of(topic, MessageType.COMMAND, payload, Metadata.EMPTY), CommandOptions.DEFAULT);
    }

    /** Sends a command (type, reply_to and correlation_id set here); see {@link CommandHandle}. */
    public CommandHandle command(Envelope command, CommandOptions options) {
        return inbox.command(withType(command, MessageType.COMMAND), options);
    }

    /** Asks a question; fails with {@code no_responders} at once, or {@code timeout} after {@code timeout}. */
    public CompletableFuture<QueryResult> query(String topic, JsonNode payload, Duration timeout) {
        return query(Envelope.of(topic, MessageType.QUERY, payload, Metadata.EMPTY), timeout, PublishOptions.DEFAULT);
    }

    public CompletableFuture<QueryResult> query(Envelope query, Duration timeout, PublishOptions options) {
        return inbox.query(withType(query, MessageType.QUERY), timeout, options);
    }

    /** Handles the commands on {@code filter}, replying ACK/DONE/ERROR as {@link CommandHandler} says. */
    public Subscription onCommand(String filter, CommandHandler handler) {
        return subscribe(filter, Responders.commands(handler, this::publish));
    }

    /** Answers the queries on {@code filter} with what the handler returns. */
    public Subscription onQuery(String filter, QueryHandler handler) {
        return subscribe(filter, Responders.queries(handler, this::publish));
    }

    /**
     * Replies to a command or query from anywhere (a handler that finishes later, say); stored if
     * the request was.
     */
    public CompletableFuture<PublishAck> reply(Delivery request, String status, JsonNode payload) {
        return publish(Replies.to(request.message(), status, payload), Responders.replyOptions(request));
    }

    private CompletableFuture<PublishAck> publish(Envelope message) {
        return publish(message, PublishOptions.DEFAULT);
    }

    private static Envelope withType(Envelope message, MessageType type) {
        return message.type() == type ? message
                : new Envelope(message.id(), message.timestamp(), message.topic(), type, message.payload(),
                        message.metadata(), message.extra());
    }

    // ---- transactions

    /** Begins a transaction with a 30 s time-out and the broker's default durability. */
    public Transaction transaction() {
        return transaction(TransactionOptions.DEFAULT);
    }

    /**
     * Begins a transaction; see {@link Transaction}. Its messages get their trace and pass the
     * outbound transformers as they are staged.
     */
    public Transaction transaction(TransactionOptions options) {
        if (!(bus instanceof TransactionalBus transactional)) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "this bus (" + bus.getClass().getSimpleName()
                    + ") does not take transactions; use the embedded broker or a RemoteBus");
        }
        String id;
        try {
            id = transactional.beginTransaction(options).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof KmbException kmb ? kmb : e;
        }
        VoteRound votes = new VoteRound(
                (prepare, timeout) -> inbox.request(prepare, timeout, PublishOptions.DEFAULT), this::publish);
        return new Transaction(id, transactional,
                message -> Transformers.apply(outbound, Tracing.stamp(message), "outbound"), votes);
    }

    /** Takes part in transactions announced on {@code filter}: votes on prepare, hears commit or rollback. */
    public Subscription onTransaction(String filter, TransactionParticipant participant) {
        return subscribe(filter, Participants.handler(participant, this::publish));
    }

    // ---- subscribing

    /** An ephemeral subscription: at most once, from now on. */
    public Subscription subscribe(String filter, MessageHandler handler) {
        return subscribe(SubscribeOptions.ephemeral(filter), handler);
    }

    /**
     * Subscribes with every option (durable name, group, ack mode, start position). The handler
     * runs behind the inbound transformers, {@code on_message} and the middleware; settle manual
     * deliveries with {@link Delivery#ack()} and {@link Delivery#nack(boolean)}.
     */
    public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
        if (closed) {
            throw closedError();
        }
        Subscription subscription = bus.subscribe(options,
                Tracing.scoped(pipeline.around(Objects.requireNonNull(handler, "handler"))));
        return new TrackedSubscription(subscription, subscriptions);
    }

    private static KmbException closedError() {
        return new KmbException(ErrorCode.UNAVAILABLE, "the KMB client is closed");
    }

    /** Closes the subscriptions opened through this client, and the bus if the client connected it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inbox.close();
        List.copyOf(subscriptions).forEach(Subscription::close);
        subscriptions.clear();
        if (ownsBus) {
            bus.close();
        }
    }

    /** Turns a remote bus's connection events into hooks. */
    private final class HookRelay implements ConnectionListener {
        @Override
        public void onConnect() {
            hooks.fire(Hook.ON_CONNECT, new HookEvent.OnConnect());
        }

        @Override
        public void onDisconnect(Throwable cause) {
            hooks.fire(Hook.ON_DISCONNECT, new HookEvent.OnDisconnect(cause));
        }

        @Override
        public void onError(Throwable error) {
            hooks.error(Source.CONNECTION, error, null);
        }
    }
}
