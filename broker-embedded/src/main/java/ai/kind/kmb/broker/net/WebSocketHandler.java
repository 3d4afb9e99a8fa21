package ai.kind.kmb.broker.net;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket side of one connection, on its event loop. It never blocks: frames go to the
 * session's serial executor, and reading pauses while that backlog is long or the socket does not
 * drain, so neither direction buffers without bound. It pings a quiet client every heartbeat and
 * closes one that stayed silent (not even a pong) past the idle time-out.
 */
final class WebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketHandler.class);
    /** Frames waiting for the session before reading stops, and the level at which it resumes. */
    static final int BACKLOG_HIGH = 64;
    static final int BACKLOG_LOW = 16;
    static final int CLOSE_TOO_BIG = 1009;

    private final ProtocolSession session;
    private final NettyConnection connection;
    private final SerialExecutor serial;
    private final Duration idleTimeout;
    private final Runnable onClosed;
    private long lastReadNanos = System.nanoTime();

    WebSocketHandler(ProtocolSession session, NettyConnection connection, SerialExecutor serial, Duration idleTimeout,
                     Runnable onClosed) {
        this.session = session;
        this.connection = connection;
        this.serial = serial;
        this.idleTimeout = idleTimeout;
        this.onClosed = onClosed;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        lastReadNanos = System.nanoTime();
        switch (frame) {
            case TextWebSocketFrame text -> {
                int bytes = text.content().readableBytes();
                String json = text.text();
                enqueue(ctx, () -> session.onText(json, bytes));
            }
            case BinaryWebSocketFrame binary -> enqueue(ctx, session::onBinary);
            default -> {
                // Pongs only prove the client is alive; pings and closes are answered by Netty.
            }
        }
    }

    private void enqueue(ChannelHandlerContext ctx, Runnable work) {
        serial.execute(() -> {
            try {
                work.run();
            } finally {
                // Only a paused socket needs the event loop: a task (and a wake-up) per frame read costs
                // as much as handling a small frame.
                if (serial.backlog() <= BACKLOG_LOW && !ctx.channel().config().isAutoRead()) {
                    ctx.channel().eventLoop().execute(() -> updateReading(ctx));
                }
            }
        });
        updateReading(ctx);
    }

    private void updateReading(ChannelHandlerContext ctx) {
        ChannelConfig config = ctx.channel().config();
        boolean read = ctx.channel().isWritable() && serial.backlog() < BACKLOG_HIGH;
        if (config.isAutoRead() != read) {
            config.setAutoRead(read);
            // The session may have worked its backlog off while this paused, seen reading still on and
            // so not asked for it back: with the pause now visible to it, look once more.
            if (!read && ctx.channel().isWritable() && serial.backlog() <= BACKLOG_LOW) {
                config.setAutoRead(true);
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.writabilityChanged();
        updateReading(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            long silent = System.nanoTime() - lastReadNanos;
            if (silent >= idleTimeout.toNanos()) {
                LOG.info("closing {}: silent for {}", ctx.channel().remoteAddress(), idleTimeout);
                connection.close(ProtocolSession.CLOSE_POLICY, "idle for " + idleTimeout.toSeconds() + "s");
            } else {
                ctx.writeAndFlush(new PingWebSocketFrame());
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.writabilityChanged();
        serial.execute(session::close);
        onClosed.run();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            connection.close(CLOSE_TOO_BIG, "frame over the hard cap (kmb.limits.max_frame_bytes)");
        } else if (cause instanceof CorruptedFrameException) {
            connection.close(ProtocolSession.CLOSE_POLICY, "corrupt WebSocket frame");
        } else {
            LOG.debug("closing {} after a transport error", ctx.channel().remoteAddress(), cause);
            ctx.writeAndFlush(new CloseWebSocketFrame(NettyConnection.CLOSE_GOING_AWAY, "transport error"))
                    .addListener(f -> ctx.close());
        }
    }
}
