package ai.kind.kmb.broker.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's outgoing frames, written in call order from any thread and flushed together.
 * The first frame queued schedules one task on the channel's event loop, which writes everything
 * queued by then and flushes once: a frame for an idle connection leaves at once (one task, as a
 * {@code writeAndFlush} would), while frames that pile up meanwhile, the deliveries of several
 * subscriptions and the answers, share one flush and one system call instead of one each. Bytes
 * waiting here count against the channel's high water mark, as Netty counts its own pending writes.
 */
final class WriteCoalescer {
    /** A long queue is flushed every this many bytes, so that its head leaves before its tail is written. */
    static final int FLUSH_BYTES = 64 * 1024;

    private record Pending(WebSocketFrame frame, ChannelPromise promise) {
    }

    private final Channel channel;
    private final Runnable afterWrites;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();

    /** {@code afterWrites} runs on the event loop after each batch moved to the channel. */
    WriteCoalescer(Channel channel, Runnable afterWrites) {
        this.channel = channel;
        this.afterWrites = afterWrites;
    }

    /** Queues a frame to go out after every frame queued before it; {@code promise} (may be null) learns how it went. */
    void write(WebSocketFrame frame, ChannelPromise promise) {
        queuedBytes.addAndGet(frame.content().readableBytes());
        queue.add(new Pending(frame, promise));
        schedule();
    }

    /** True while the socket takes more: Netty's buffer under its high water mark, and this queue too. */
    boolean isWritable() {
        return channel.isWritable() && queuedBytes.get() < channel.config().getWriteBufferHighWaterMark();
    }

    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.eventLoop().execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The server is stopping and its event loops with it: nothing queued will ever leave.
            scheduled.set(false);
            discard(e);
        }
    }

    /** On the event loop. Cleared first: a frame queued from here on schedules the next task itself. */
    private void drain() {
        scheduled.set(false);
        long unflushed = 0;
        int frames = 0;
        // Everything, not a share: a task split in two could let a close queued behind it on the loop
        // overtake frames sent before it. Writability bounds what producers can add meanwhile.
        for (Pending next = queue.poll(); next != null; next = queue.poll()) {
            int bytes = next.frame().content().readableBytes();
            queuedBytes.addAndGet(-bytes);
            if (next.promise() == null) {
                channel.write(next.frame());
            } else {
                channel.write(next.frame(), next.promise());
            }
            frames++;
            unflushed += bytes;
            if (unflushed >= FLUSH_BYTES) {
                channel.flush();
                unflushed = 0;
            }
        }
        if (frames > 0) {
            channel.flush();
            afterWrites.run();
        }
    }

    private void discard(Throwable cause) {
        for (Pending next = queue.poll(); next != null; next = queue.poll()) {
            queuedBytes.addAndGet(-next.frame().content().readableBytes());
            ReferenceCountUtil.release(next.frame());
            if (next.promise() != null) {
                next.promise().tryFailure(cause);
            }
        }
    }
}
