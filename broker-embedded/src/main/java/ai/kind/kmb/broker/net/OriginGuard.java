package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.ReferenceCountUtil;
import java.util.Set;

/**
 * Refuses requests a web browser makes on behalf of a page from an origin that was not allowed.
 * Browsers let any page open a WebSocket to 127.0.0.1 and send simple POSTs to it; without this a
 * web page the developer happens to visit could publish on, or read from, their local bus. SDKs,
 * kmbctl and KMB Studio send no {@code Origin} header and are not affected.
 */
@ChannelHandler.Sharable
final class OriginGuard extends ChannelInboundHandlerAdapter {
    private final Set<String> allowedOrigins;

    OriginGuard(Set<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof FullHttpRequest request) {
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (origin != null && !allowedOrigins.contains(origin)) {
                ReferenceCountUtil.release(request);
                KmbException refusal = new KmbException(ErrorCode.FORBIDDEN, "requests from web origin '" + origin
                        + "' are not allowed; add it to kmb.allowed_origins to let that page use this server");
                ctx.writeAndFlush(HttpHandler.response(RestResponse.error(refusal), false))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(message);
    }
}
