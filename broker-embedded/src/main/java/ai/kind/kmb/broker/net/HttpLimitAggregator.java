package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;

/**
 * Collects a request body up to the message size limit. Past it the client gets the protocol's
 * {@code too_large} body with 413, not Netty's empty 413; a keep-alive connection stays usable, as
 * the rest of the body is read and thrown away.
 */
final class HttpLimitAggregator extends HttpObjectAggregator {
    private final int maxBytes;

    HttpLimitAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String reason = "the body is over the limit of " + maxBytes + " bytes (kmb.limits.max_message_bytes)";
        KmbException refusal = new KmbException(ErrorCode.TOO_LARGE, "request too large: " + reason,
                List.of(new ErrorDetail("body", reason)));
        boolean close = oversized instanceof FullHttpMessage || !HttpUtil.isKeepAlive(oversized);
        var written = ctx.writeAndFlush(HttpHandler.response(RestResponse.error(refusal), !close));
        written.addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
    }
}
