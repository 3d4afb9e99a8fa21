package ai.kind.kmb.broker.net;

import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.security.SecurityAdvisories;
import ai.kind.kmb.broker.security.ServerSecurity;
import ai.kind.kmb.replay.ReplayEngine;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network face of a broker: the REST API under {@code /v1} and the WebSocket at
 * {@code /v1/ws} on one port, over TLS when configured. It does not own the broker: whoever
 * started both closes the server first, then the broker (which closes the store).
 */
public final class KmbServer implements AutoCloseable {
    public static final String WEBSOCKET_PATH = "/v1/ws";
    /** A socket stops being writable past the high mark; deliveries then wait until it drains below the low. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    private static final Logger LOG = LoggerFactory.getLogger(KmbServer.class);
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(5);

    private final ServerOptions options;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final Connections connections;
    private final ServerMetrics metrics;
    private final ShutdownState shutdown;
    /** The replay engine this server made and so closes; null when the caller owns it. */
    private final ReplayEngine ownedReplays;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KmbServer(ServerOptions options, EventLoopGroup acceptor, EventLoopGroup workers, Channel listener,
                      Connections connections, ServerMetrics metrics, ShutdownState shutdown,
                      ReplayEngine ownedReplays) {
        this.options = options;
        this.acceptor = acceptor;
        this.workers = workers;
        this.listener = listener;
        this.connections = connections;
        this.metrics = metrics;
        this.shutdown = shutdown;
        this.ownedReplays = ownedReplays;
    }

    /**
     * Binds and starts serving. Fails with {@link IllegalArgumentException} for options that must
     * not be used (a public address without auth, unreadable TLS files) and
     * {@link IllegalStateException} when the port cannot be bound.
     */
    public static KmbServer start(Broker broker, ServerOptions options, String serverName) {
        ReplayEngine replays = new ReplayEngine(broker);
        try {
            return start(broker, replays, true, options, serverName);
        } catch (RuntimeException e) {
            replays.close();
            throw e;
        }
    }

    /**
     * As {@link #start(Broker, ServerOptions, String)}, serving the replays of an engine the caller
     * owns (KMB Studio shares one between its console and the server) and closes.
     */
    public static KmbServer start(Broker broker, ReplayEngine replays, ServerOptions options, String serverName) {
        return start(broker, replays, false, options, serverName);
    }

    private static KmbServer start(Broker broker, ReplayEngine replays, boolean ownsReplays, ServerOptions options,
                                   String serverName) {
        options.requireSafeBind();
        SslContext ssl = options.tls() == null ? null : options.tls().serverContext();
        ServerMetrics metrics = new ServerMetrics();
        Connections connections = new Connections();
        ShutdownState shutdown = new ShutdownState();
        ServerSecurity security = ServerSecurity.of(options.auth(), Clock.systemUTC(), new SecurityAdvisories(
                advisory -> broker.publish(advisory, PublishOptions.EPHEMERAL)));
        HttpRouter router = new HttpRouter(new RouteAccess(security));
        new MessagesResource(broker, metrics, shutdown, security).register(router);
        new TopicsResource(broker.topics()).register(router);
        new LimitsResource(broker.rateLimits()).register(router);
        new RegistryResource(broker).register(router);
        new DeadLetterResource(broker.deadLetters(), shutdown).register(router);
        new SnapshotsResource(broker.snapshots()).register(router);
        new DurablesResource(broker.durables(), security).register(router);
        new ReplaysResource(replays, broker.store(), shutdown, security).register(router);
        new OpsResource(new MetricsText(broker, metrics, connections), shutdown).register(router);
        Executor threads = task -> Thread.ofVirtual().name("kmb-conn").start(task);
        ServerContext context = new ServerContext(broker, options.limits(), metrics, connections, router, threads,
                serverName, new AtomicLong(), security, new FrameBytes());

        EventLoopGroup acceptor = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup();
        try {
            Channel listener = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childHandler(new ServerInitializer(context, ssl, new OriginGuard(options.allowedOrigins())))
                    .bind(options.bindAddress(), options.port())
                    .syncUninterruptibly()
                    .channel();
            return new KmbServer(options, acceptor, workers, listener, connections, metrics, shutdown,
                    ownsReplays ? replays : null);
        } catch (RuntimeException e) {
            acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot listen on " + options.bindAddress() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The port listened on: the real one when the options asked for 0. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The base URL, such as {@code http://127.0.0.1:7420}. */
    public String url() {
        String host = options.bindAddress().contains(":") ? "[" + options.bindAddress() + "]" : options.bindAddress();
        return options.scheme() + "://" + host + ":" + port();
    }

    /** The WebSocket URL, such as {@code ws://127.0.0.1:7420/v1/ws}. */
    public String webSocketUrl() {
        return url().replaceFirst("^http", "ws") + WEBSOCKET_PATH;
    }

    /** Waits until every frame read has been handled and every publish answered, or the time is up. */
    private boolean awaitDrained(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (metrics.publishesInFlight() > 0 || !connections.idle()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Shuts down gracefully: stops accepting, refuses new publishes and subscribes, waits (up to the
     * drain time-out) until every publish in flight has had its answer written, then says goodbye
     * (1001) on every WebSocket and closes every connection. Close the broker after this.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        shutdown.begin();
        listener.close().syncUninterruptibly();
        if (ownedReplays != null) {
            // Replays publish on their own; they stop before the connections drain.
            ownedReplays.close();
        }
        connections.drain();
        Duration drain = options.limits().drainTimeout();
        if (!awaitDrained(drain)) {
            LOG.warn("{} publishes still unanswered after {}; closing anyway", metrics.publishesInFlight(), drain);
        }
        connections.closeAll(NettyConnection.CLOSE_GOING_AWAY, "server shutting down", CLOSE_PATIENCE);
        workers.shutdownGracefully(0, CLOSE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS).syncUninterruptibly();
        acceptor.shutdownGracefully(0, CLOSE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
