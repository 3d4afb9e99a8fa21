package ai.kind.kmb.remote;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.dlq.DeadLetterAdmin;
import ai.kind.kmb.durable.DurableAdmin;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.limits.RateLimitStats;
import ai.kind.kmb.snapshot.SnapshotAdmin;
import ai.kind.kmb.registry.Registry;
import ai.kind.kmb.topics.TopicSnapshot;
import ai.kind.kmb.tx.ForwardingTransactions;
import ai.kind.kmb.tx.TransactionalBus;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A KMB server far away seen through {@link BusConnection}, as kmbctl and KMB Studio's remote mode
 * use it: publishing and subscribing go over the WebSocket ({@link RemoteBus}), which reconnects on
 * its own; history, topics, the dead-letter queue, durables and snapshots over the REST API ({@link RestClient}), one
 * request per call. Safe to use from any thread.
 */
public final class RemoteConnection implements BusConnection, ForwardingTransactions {
    private final RemoteBusOptions options;
    private final RemoteBus bus;
    private final RestClient rest;
    private final HttpClient http;
    private final LogEnd logEnd;
    private final RemoteDeadLetters deadLetters;
    private final RemoteDurables durables;
    private final RemoteSnapshots snapshots;
    private final RemoteRegistry registry;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Throwable lastDisconnect;

    private RemoteConnection(RemoteBusOptions options, RemoteBus bus, HttpClient http) {
        this.options = options;
        this.bus = bus;
        this.http = http;
        this.rest = new RestClient(options.httpBase(), options.token(), options.requestTimeout(), http);
        this.logEnd = new LogEnd(options.httpBase(), options.token(), options.requestTimeout(), http, rest);
        this.deadLetters = new RemoteDeadLetters(rest);
        this.durables = new RemoteDurables(rest);
        this.snapshots = new RemoteSnapshots(rest);
        this.registry = new RemoteRegistry(rest);
        bus.addConnectionListener(new ConnectionListener() {
            @Override
            public void onConnect() {
                lastDisconnect = null;
            }

            @Override
            public void onDisconnect(Throwable cause) {
                lastDisconnect = cause;
            }
        });
    }

    /**
     * Connects the WebSocket and fails at once, with {@code unavailable}, if the server cannot be
     * reached: a wrong URL should be said at once, not turn into a client retrying forever. The
     * REST side shares the connection's URL, token, trust and time-outs.
     */
    public static RemoteConnection open(RemoteBusOptions options) {
        RemoteBus bus = RemoteBus.connect(options);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
        if (options.sslContext() != null) {
            builder.sslContext(options.sslContext());
        }
        try {
            return new RemoteConnection(options, bus, builder.build());
        } catch (RuntimeException e) {
            bus.close();
            throw e;
        }
    }

    public RemoteBusOptions options() {
        return options;
    }

    /** The WebSocket client, for what only it offers: connection listeners, {@code ping}. */
    public RemoteBus bus() {
        return bus;
    }

    @Override
    public String describe() {
        return options.url().toString();
    }

    @Override
    public ConnectionStatus status() {
        if (closed.get()) {
            return new ConnectionStatus(ConnectionStatus.State.DISCONNECTED, "closed");
        }
        if (bus.isConnected()) {
            return ConnectionStatus.connected("connected to " + describe());
        }
        Throwable cause = lastDisconnect;
        return new ConnectionStatus(ConnectionStatus.State.CONNECTING, "reconnecting to " + describe()
                + (cause == null ? "" : " (" + Failures.describe(cause) + ")"));
    }

    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions publishOptions) {
        return bus.publish(message, publishOptions);
    }

    @Override
    public Subscription subscribe(SubscribeOptions subscribeOptions, MessageHandler handler) {
        return bus.subscribe(subscribeOptions, handler);
    }

    @Override
    public List<StoredMessage> query(HistoryQuery query) {
        return rest.history(HistoryRequest.of(query)).messages();
    }

    /** See {@link LogEnd}: the metrics gauge when the server gives it, else a search over history. */
    @Override
    public long lastOffset() {
        return logEnd.lastOffset();
    }

    @Override
    public List<TopicSnapshot> topics() {
        return rest.topics().topics();
    }

    @Override
    public List<RateLimitStats> limits() {
        return rest.limits();
    }

    @Override
    public DeadLetterAdmin deadLetters() {
        return deadLetters;
    }

    @Override
    public DurableAdmin durables() {
        return durables;
    }

    @Override
    public SnapshotAdmin snapshots() {
        return snapshots;
    }

    public Registry registry() {
        return registry;
    }

    /** Closes the WebSocket (durable positions stay on the server) and the REST client. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        bus.close();
        rest.close();
        http.shutdownNow();
    }

    @Override
    public TransactionalBus transactionBus() {
        return bus;
    }
}
