package ai.kind.kmb.broker.net;

import ai.kind.kmb.protocol.Frame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket as a {@link SessionOutput}. Every frame goes through one {@link WriteCoalescer}, so
 * frames leave in the order they were sent and many share a flush. Deliveries wait on the
 * connection's writability (Netty's write-buffer water marks, counting what the coalescer holds)
 * instead of piling bytes up; a socket that stays full past the write time-out is a slow consumer
 * and is closed, as NATS closes one past its write deadline, so that its subscriptions release
 * what they hold.
 */
final class NettyConnection implements SessionOutput {
    private static final Logger LOG = LoggerFactory.getLogger(NettyConnection.class);
    static final int CLOSE_GOING_AWAY = 1001;

    private final Channel channel;
    private final Duration writeTimeout;
    private final ServerMetrics metrics;
    private final FrameBytes frames;
    private final WriteCoalescer writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    /** Deliveries waiting for room: only then is a batch moved to the socket worth a wake-up. */
    private final AtomicInteger waiting = new AtomicInteger();

    NettyConnection(Channel channel, Duration writeTimeout, ServerMetrics metrics, FrameBytes frames) {
        this.channel = channel;
        this.writeTimeout = writeTimeout;
        this.metrics = metrics;
        this.frames = frames;
        this.writer = new WriteCoalescer(channel, this::wakeWaiting);
    }

    @Override
    public void send(Frame.ServerFrame frame) {
        writer.write(new TextWebSocketFrame(frames.encode(frame)), null);
    }

    @Override
    public boolean deliver(Frame.Msg msg, boolean untilWritten) {
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        if (!awaitWritable(deadline)) {
            return false;
        }
        if (!untilWritten) {
            writer.write(new TextWebSocketFrame(frames.encode(msg)), null);
            return true;
        }
        ChannelPromise written = channel.newPromise();
        writer.write(new TextWebSocketFrame(frames.encode(msg)), written);
        try {
            if (!written.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                closeSlowConsumer();
                return false;
            }
        } catch (InterruptedException e) {
            // The subscription is closing; the delivery counts as not made, so a durable one is redelivered.
            Thread.currentThread().interrupt();
            return false;
        }
        return written.isSuccess();
    }

    /** True once the socket takes more; false if it closed or stayed full past the deadline. */
    private boolean awaitWritable(long deadline) {
        if (writer.isWritable()) {
            return channel.isActive();
        }
        lock.lock();
        waiting.incrementAndGet();
        try {
            while (channel.isActive() && !writer.isWritable()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    closeSlowConsumer();
                    return false;
                }
                // Woken by writabilityChanged; the time-out also covers a wake-up that was missed.
                drained.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
            lock.unlock();
        }
        return channel.isActive();
    }

    private void closeSlowConsumer() {
        if (channel.isActive()) {
            metrics.slowConsumerCloses.increment();
            LOG.warn("closing {}: it read nothing for {} while deliveries waited (slow consumer)",
                    channel.remoteAddress(), writeTimeout);
            // A close frame could not get through a full buffer; closing the socket is all that is left.
            channel.close();
        }
    }

    /** Called on the event loop when the outbound buffer crosses a water mark. */
    void writabilityChanged() {
        lock.lock();
        try {
            drained.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void wakeWaiting() {
        if (waiting.get() > 0) {
            writabilityChanged();
        }
    }

    /** The close frame goes after everything sent before it, such as the error that explains it. */
    @Override
    public void close(int code, String reason) {
        ChannelPromise closing = channel.newPromise();
        closing.addListener(ChannelFutureListener.CLOSE);
        writer.write(new CloseWebSocketFrame(code, reason), closing);
    }
}
