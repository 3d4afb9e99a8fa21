package ai.kind.kmb.broker.net;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The server's open connections and WebSocket sessions: for shutdown and for metrics. */
final class Connections {
    private final ChannelGroup channels = new DefaultChannelGroup("kmb-connections", GlobalEventExecutor.INSTANCE);
    private final Set<ProtocolSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<Channel> webSockets = ConcurrentHashMap.newKeySet();
    private final Set<SerialExecutor> executors = ConcurrentHashMap.newKeySet();

    void addChannel(Channel channel) {
        channels.add(channel);
    }

    void addSession(Channel channel, ProtocolSession session) {
        webSockets.add(channel);
        sessions.add(session);
    }

    void removeSession(Channel channel, ProtocolSession session) {
        webSockets.remove(channel);
        sessions.remove(session);
    }

    /** Each connection's frame queue, so that shutdown can wait until every frame read has been handled. */
    void addExecutor(Channel channel, SerialExecutor executor) {
        executors.add(executor);
        channel.closeFuture().addListener(closed -> executors.remove(executor));
    }

    /** True when no connection has a frame or request waiting to be handled. */
    boolean idle() {
        return executors.stream().allMatch(executor -> executor.backlog() == 0);
    }

    Set<ProtocolSession> sessions() {
        return sessions;
    }

    int open() {
        return channels.size();
    }

    /** Sessions stop taking publishes and subscribes; what is in flight still gets its answer. */
    void drain() {
        sessions.forEach(ProtocolSession::drain);
    }

    /** Says goodbye (1001) on every WebSocket, closes every connection and waits for them to go. */
    void closeAll(int code, String reason, Duration patience) {
        for (Channel channel : webSockets) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        }
        channels.close().awaitUninterruptibly(patience.toMillis(), TimeUnit.MILLISECONDS);
    }
}
