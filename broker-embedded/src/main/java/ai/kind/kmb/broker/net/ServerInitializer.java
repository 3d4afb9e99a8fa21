package ai.kind.kmb.broker.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * One connection's pipeline: TLS if configured, HTTP/1.1, a body cap, the WebSocket upgrade at
 * {@code /v1/ws}, and the REST handler that turns into the WebSocket handler after the upgrade.
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final ServerContext server;
    private final SslContext ssl;

    ServerInitializer(ServerContext server, SslContext ssl) {
        this.server = server;
        this.ssl = ssl;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        server.metrics().connectionsAccepted.increment();
        server.connections().addChannel(channel);
        ServerLimits limits = server.limits();
        ChannelPipeline pipeline = channel.pipeline();
        if (ssl != null) {
            pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
        }
        pipeline.addLast("http", new HttpServerCodec());
        // Fires every heartbeat while nothing is read: WebSockets get a ping, and idle ones are closed.
        pipeline.addLast("idle", new IdleStateHandler(limits.heartbeat().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("body", new HttpLimitAggregator(limits.maxMessageBytes()));
        pipeline.addLast("ws-upgrade", new WebSocketServerProtocolHandler(webSocketConfig(limits)));
        pipeline.addLast("ws-aggregate", new WebSocketFrameAggregator(limits.maxFrameBytes()));
        SerialExecutor serial = new SerialExecutor(server.threads());
        server.connections().addExecutor(channel, serial);
        pipeline.addLast("rest", new HttpHandler(server, serial));
    }

    private static WebSocketServerProtocolConfig webSocketConfig(ServerLimits limits) {
        // No extensions: permessage-deflate would let a small frame inflate past every size limit.
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(limits.maxFrameBytes())
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build();
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(KmbServer.WEBSOCKET_PATH)
                .checkStartsWith(true)
                .handleCloseFrames(true)
                .dropPongFrames(false)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .decoderConfig(decoder)
                .build();
    }
}
