package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.security.Identity;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The REST side of one connection. Requests are handled in order on the connection's serial
 * executor (a history query or a durable publish may wait; the event loop must not), and answered
 * in order, as HTTP/1.1 pipelining requires. When the WebSocket handshake completes, this handler
 * hands the connection over to a {@link WebSocketHandler}.
 */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ServerContext server;
    private final SerialExecutor serial;
    private long lastReadNanos = System.nanoTime();

    HttpHandler(ServerContext server, SerialExecutor serial) {
        this.server = server;
        this.serial = serial;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        lastReadNanos = System.nanoTime();
        server.metrics().httpRequests.increment();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            KmbException refusal = new KmbException(ErrorCode.BAD_REQUEST, "malformed HTTP request: "
                    + request.decoderResult().cause().getMessage());
            ctx.writeAndFlush(response(RestResponse.error(refusal), false)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(header -> headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT),
                header.getValue()));
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        String method = request.method().name();
        byte[] body = ByteBufUtil.getBytes(request.content());
        String client = "http:" + ctx.channel().remoteAddress();
        serial.execute(() -> {
            RestResponse answer;
            try {
                Identity caller = server.security().fromAuthorization(authorization, "rest");
                answer = server.router().route(new RestRequest(method, uri.rawPath(), uri.parameters(), Map.of(), body,
                        caller, client, headers));
            } catch (KmbException refused) {
                answer = RestResponse.error(refused);
            }
            var written = ctx.writeAndFlush(response(answer, keepAlive));
            written.addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
            ctx.channel().eventLoop().execute(() -> updateReading(ctx));
        });
        updateReading(ctx);
    }

    /** Pipelined requests wait in the socket, not in memory, while the backlog is long. */
    private void updateReading(ChannelHandlerContext ctx) {
        boolean read = ctx.channel().isWritable() && serial.backlog() < WebSocketHandler.BACKLOG_HIGH;
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateReading(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
            becomeWebSocket(ctx, handshake.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
        } else if (event instanceof IdleStateEvent) {
            boolean idle = System.nanoTime() - lastReadNanos >= server.limits().idleTimeout().toNanos();
            if (idle && serial.backlog() == 0) {
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    private void becomeWebSocket(ChannelHandlerContext ctx, String authorization) {
        var channel = ctx.channel();
        NettyConnection connection = new NettyConnection(channel, server.limits().writeTimeout(), server.metrics(),
                server.frames());
        ProtocolSession session = new ProtocolSession(server.broker(), server.limits(), connection, server.metrics(),
                server.nextConnectionId(), address(channel.remoteAddress()), server.serverName(),
                server.broker().rateLimits(), server.security());
        // Checked on the connection's own executor, in order before its first frame.
        serial.execute(() -> session.authenticateUpgrade(authorization));
        server.connections().addSession(channel, session);
        server.metrics().sessionsOpen.incrementAndGet();
        ctx.pipeline().replace(this, "kmb-ws", new WebSocketHandler(session, connection, serial,
                server.limits().idleTimeout(), () -> {
                    server.connections().removeSession(channel, session);
                    server.metrics().sessionsOpen.decrementAndGet();
                }));
    }

    /** {@code 127.0.0.1:53422}, {@code [::1]:53422}: the peer as people write it. */
    private static String address(SocketAddress peer) {
        return peer instanceof InetSocketAddress inet ? NetUtil.toSocketAddressString(inet) : String.valueOf(peer);
    }

    static FullHttpResponse response(RestResponse answer, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        if (answer.contentType() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        }
        answer.headers().forEach((name, value) -> response.headers().set(name, value));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        response.headers().set(HttpHeaderNames.CONNECTION,
                keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return response;
    }
}
