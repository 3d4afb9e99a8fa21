package ai.kind.kmb.broker.net;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.delivery.SubscriberOrigin;
import ai.kind.kmb.broker.ratelimit.RateLimits;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.security.Identity;
import ai.kind.kmb.broker.security.ReplyGrants;
import ai.kind.kmb.broker.security.ServerSecurity;
import ai.kind.kmb.protocol.Frame;
import ai.kind.kmb.protocol.Frame.ClientFrame;
import ai.kind.kmb.protocol.FrameCodec;
import ai.kind.kmb.protocol.FrameException;
import ai.kind.kmb.tx.TransactionalBus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * One client connection's protocol, whatever carries it: reads client frames, acts on the bus and
 * answers with server frames. Frames arrive one at a time in order (the transport serializes them);
 * deliveries arrive on the subscriptions' own threads. A bad frame is answered, never fatal, until
 * a client sends {@code maxBadFrames} of them in a row. When auth is on, nothing but {@code hello}
 * is taken before the client is authenticated (by hello's token or the upgrade's Bearer header),
 * and every publish, subscribe and delivery is checked against the client's permissions.
 */
final class ProtocolSession {
    /** Publishes awaiting their answer on one connection; past it the session stops taking frames. */
    static final int MAX_PUBLISHES_IN_FLIGHT = 1000;
    static final int PROTOCOL_VERSION = 1;
    static final int CLOSE_POLICY = 1008;

    private final Bus bus;
    private final ServerLimits limits;
    private final SessionOutput out;
    private final ServerMetrics metrics;
    private final String connectionId;
    private final String address;
    private final String serverName;
    private final RateLimits rateLimits;
    private final ServerSecurity security;
    private final ReplyGrants replyGrants = new ReplyGrants();
    /** Null until authenticated when auth is on; read by deliveries on other threads. */
    private volatile Identity identity;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Semaphore publishSlots = new Semaphore(MAX_PUBLISHES_IN_FLIGHT);
    private final SessionTransactions transactions;
    private int badFramesInRow;
    private boolean seenFrame;
    private volatile boolean draining;
    private volatile boolean closed;

    /** {@code address} is where the connection comes from ({@code 127.0.0.1:53422}), for operators. */
    ProtocolSession(Bus bus, ServerLimits limits, SessionOutput out, ServerMetrics metrics, String connectionId,
                    String address, String serverName, RateLimits rateLimits, ServerSecurity security) {
        this.bus = bus;
        this.limits = limits;
        this.out = out;
        this.metrics = metrics;
        this.connectionId = connectionId;
        this.address = address;
        this.serverName = serverName;
        this.rateLimits = rateLimits;
        this.transactions = bus instanceof TransactionalBus transactional ? new SessionTransactions(transactional) : null;
        this.security = security;
        this.identity = security.required() ? null : Identity.open(connectionId);
    }

    /** Takes the identity of the WebSocket upgrade's Authorization header; a bad token ends the connection. */
    void authenticateUpgrade(String authorization) {
        try {
            identity = security.fromAuthorization(authorization, connectionId);
        } catch (KmbException refused) {
            refuseAuth(null, refused);
        }
    }

    /** Handles one text frame of {@code bytes} UTF-8 bytes. */
    void onText(String text, int bytes) {
        metrics.framesReceived.increment();
        if (closed) {
            return;
        }
        if (bytes > limits.maxMessageBytes()) {
            String reason = bytes + " bytes is over the limit of " + limits.maxMessageBytes()
                    + " (kmb.limits.max_message_bytes)";
            refuse(FrameSizes.requestNumber(text), new KmbException(ErrorCode.TOO_LARGE, "frame too large: " + reason,
                    List.of(new ErrorDetail("frame", reason))));
            return;
        }
        ClientFrame frame;
        try {
            frame = FrameCodec.readClientFrame(text);
        } catch (FrameException e) {
            refuse(e.req(), e);
            return;
        }
        try {
            handle(frame);
        } catch (KmbException e) {
            refuse(frame.req(), e);
        } catch (RuntimeException e) {
            out.send(FrameCodec.error(frame.req(), Errors.toKmb(e)));
        }
    }

    /** Binary frames are not part of the protocol. */
    void onBinary() {
        metrics.framesReceived.increment();
        refuse(null, new FrameException(null, "frame", "is binary; the protocol is JSON in text frames"));
    }

    private void handle(ClientFrame frame) {
        boolean first = !seenFrame;
        seenFrame = true;
        if (identity == null && !(frame instanceof Frame.Hello)) {
            refuseAuth(frame.req(), new KmbException(ErrorCode.UNAUTHORIZED, "this server requires authentication:"
                    + " send hello with a token first", List.of(new ErrorDetail("token", "is missing"))));
            return;
        }
        switch (frame) {
            case Frame.Hello hello -> hello(hello, first);
            case Frame.Pub pub when pub.tx() != null -> {
                Frame.Pub authorized = new Frame.Pub(pub.req(), authorizedMessage(pub), pub.durable(), pub.tx());
                inTransaction(pub.req(), tx -> tx.publish(authorized));
            }
            case Frame.Pub pub -> publish(pub);
            case Frame.TxBegin begin -> inTransaction(begin.req(), tx -> tx.begin(begin));
            case Frame.TxCommit commit -> inTransaction(commit.req(), tx -> tx.commit(commit));
            case Frame.TxAbort abort -> inTransaction(abort.req(), tx -> tx.abort(abort));
            case Frame.Sub sub -> subscribe(sub);
            case Frame.Unsub unsub -> {
                Subscription subscription = subscriptions.remove(unsub.sid());
                if (subscription == null) {
                    throw unknownSid(unsub.sid());
                }
                closeSubscription(subscription);
                answered(new Frame.Ok(unsub.req()));
            }
            case Frame.Ack ack -> {
                subscription(ack.sid()).ack(ack.id());
                answered(new Frame.Ok(ack.req()));
            }
            case Frame.Nack nack -> {
                subscription(nack.sid()).nack(nack.id(), nack.requeue());
                answered(new Frame.Ok(nack.req()));
            }
            case Frame.Ping ping -> answered(new Frame.Pong(ping.req()));
        }
    }

    private void hello(Frame.Hello hello, boolean first) {
        if (!first) {
            throw new FrameException(hello.req(), "op", "hello must be the first frame of a connection");
        }
        if (identity == null || hello.token() != null || !security.required()) {
            try {
                identity = security.authenticate(hello.token(), hello.clientId(), connectionId);
            } catch (KmbException refused) {
                refuseAuth(hello.req(), refused);
                return;
            }
        }
        answered(new Frame.Welcome(hello.req(), identity.clientId(), serverName, PROTOCOL_VERSION));
    }

    /** A client that cannot prove who it is gets one answer and the door (1008). */
    private void refuseAuth(Long req, KmbException refused) {
        out.send(FrameCodec.error(req, refused));
        out.close(CLOSE_POLICY, "unauthorized");
        closed = true;
    }

    private void publish(Frame.Pub pub) {
        requireNotDraining();
        Envelope message = authorizedMessage(pub);
        // A throttled client waits here, on its own connection's thread, and so slows down alone.
        rateLimits.admitClient(identity.clientId());
        publishSlots.acquireUninterruptibly();
        metrics.publishStarted();
        CompletableFuture<PublishAck> outcome;
        try {
            outcome = bus.publish(message, new PublishOptions(pub.durable()));
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        badFramesInRow = 0;
        outcome.whenComplete((ack, failure) -> {
            try {
                out.send(failure == null ? new Frame.PubAck(pub.req(), ack.id(), ack.offset(), ack.duplicate())
                        : FrameCodec.error(pub.req(), Errors.toKmb(failure)));
            } finally {
                publishSlots.release();
                metrics.publishFinished();
            }
        });
    }

    /** The message as the broker takes it: refused unless the caller may publish it, stamped with who sent it. */
    private Envelope authorizedMessage(Frame.Pub pub) {
        Identity caller = identity;
        if (!replyGrants.granted(pub.msg().topic())) {
            security.requirePublish(caller, pub.msg().topic());
        }
        return ServerSecurity.stamp(caller, pub.msg());
    }

    private void inTransaction(long req,
                               Function<SessionTransactions, CompletableFuture<Frame.ServerFrame>> operation) {
        requireNotDraining();
        if (transactions == null) {
            throw Errors.unavailable("this server's bus does not take transactions");
        }
        badFramesInRow = 0;
        operation.apply(transactions).whenComplete((answer, failure) ->
                out.send(failure == null ? answer : FrameCodec.error(req, Errors.toKmb(failure))));
    }

    private void subscribe(Frame.Sub sub) {
        requireNotDraining();
        if (subscriptions.containsKey(sub.sid())) {
            throw new FrameException(sub.req(), "sid", "'" + sub.sid() + "' is already in use on this connection");
        }
        if (subscriptions.size() >= limits.maxSubscriptions()) {
            String reason = "this connection already has " + subscriptions.size()
                    + " subscriptions, the most allowed (kmb.limits.max_subscriptions); unsubscribe first";
            throw new KmbException(ErrorCode.RATE_LIMITED, reason, List.of(new ErrorDetail("sid", reason)));
        }
        SubscribeOptions options = SubscribeFrames.options(sub);
        security.requireSubscribe(identity, options.topicFilter());
        // Deliveries wait for subok, so a client never sees a msg for a sid it was not told about.
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        MessageHandler handler = delivery -> {
            confirmed.join();
            deliver(sub.sid(), delivery, options.isDurable());
        };
        // The broker shows who is behind a durable's members; another bus (a test's) has no such list.
        Subscription subscription = bus instanceof Broker broker
                ? broker.subscribe(options, handler, new SubscriberOrigin(identity.clientId(), connectionId, address))
                : bus.subscribe(options, handler);
        subscriptions.put(sub.sid(), subscription);
        metrics.subscriptionsOpen.incrementAndGet();
        answered(new Frame.SubOk(sub.req(), sub.sid()));
        confirmed.complete(null);
        if (closed && subscriptions.remove(sub.sid()) != null) {
            closeSubscription(subscription);
        }
    }

    private void deliver(String sid, Delivery delivery, boolean durable) {
        Envelope message = delivery.message();
        if (!ServerSecurity.mayReceive(identity, message.topic())) {
            // Filtered here, not only at subscribe: a wide filter never carries a denied topic out.
            if (durable) {
                delivery.ack();
            }
            return;
        }
        if ((message.type() == MessageType.COMMAND || message.type() == MessageType.QUERY)
                && message.metadata().replyTo() != null) {
            replyGrants.grant(message.metadata().replyTo());
        }
        Frame.Msg msg = new Frame.Msg(sid, delivery.deliveryCount(), delivery.offset(), delivery.message());
        if (out.deliver(msg, durable)) {
            metrics.delivered.increment();
        } else if (durable) {
            // Detach first: the durable consumer then takes the message back for its other members or
            // the next subscriber without counting a delivery, so a dropped connection never uses up
            // max_deliver. The throw keeps an auto-ack from settling a message nobody received.
            Subscription gone = subscriptions.remove(sid);
            if (gone != null) {
                closeSubscription(gone);
            }
            throw Errors.unavailable("delivery to " + connectionId + " did not happen: the connection is gone");
        }
        // An ephemeral message for a connection that is gone is lost with it: at most once.
    }

    private Subscription subscription(String sid) {
        Subscription subscription = subscriptions.get(sid);
        if (subscription == null) {
            throw unknownSid(sid);
        }
        return subscription;
    }

    private static KmbException unknownSid(String sid) {
        return new KmbException(ErrorCode.NOT_FOUND, "no subscription '" + sid + "' on this connection",
                List.of(new ErrorDetail("sid", "is not subscribed on this connection")));
    }

    private void requireNotDraining() {
        if (draining) {
            throw Errors.unavailable("the server is shutting down; reconnect to another node or later");
        }
    }

    private void answered(Frame.ServerFrame answer) {
        badFramesInRow = 0;
        out.send(answer);
    }

    /** Answers a refused frame; a client that only sends garbage is cut off. */
    private void refuse(Long req, KmbException failure) {
        out.send(FrameCodec.error(req, failure));
        if (failure.code() != ErrorCode.BAD_REQUEST && failure.code() != ErrorCode.TOO_LARGE) {
            badFramesInRow = 0;
            return;
        }
        metrics.badFrames.increment();
        if (++badFramesInRow >= limits.maxBadFrames()) {
            out.close(CLOSE_POLICY, badFramesInRow + " bad frames in a row");
            closed = true;
        }
    }

    /** Stops taking publishes and subscribes; acks, nacks and unsubscribes still work. */
    void drain() {
        draining = true;
    }

    /** Subscriptions of this connection currently open. */
    int subscriptionCount() {
        return subscriptions.size();
    }

    /** Messages dropped so far by this connection's open subscriptions. */
    long dropped() {
        return subscriptions.values().stream().mapToLong(Subscription::dropped).sum();
    }

    /** Closes every subscription; durable positions stay with the broker. */
    void close() {
        closed = true;
        if (transactions != null) {
            transactions.abortAll();
        }
        for (String sid : List.copyOf(subscriptions.keySet())) {
            Subscription subscription = subscriptions.remove(sid);
            if (subscription != null) {
                closeSubscription(subscription);
            }
        }
    }

    private void closeSubscription(Subscription subscription) {
        metrics.droppedByClosedSubscriptions.add(subscription.dropped());
        metrics.subscriptionsOpen.decrementAndGet();
        subscription.close();
    }
}
