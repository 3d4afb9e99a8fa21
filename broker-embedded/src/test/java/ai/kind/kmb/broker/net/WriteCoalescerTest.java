package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames queued from any thread leave in order and share flushes, and none is left unflushed. The
 * embedded channel runs its event loop's tasks only when told to, which is what makes "one flush for
 * everything queued meanwhile" observable.
 */
class WriteCoalescerTest {
    private final AtomicInteger flushes = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes.incrementAndGet();
            ctx.flush();
        }
    });
    private final WriteCoalescer writer = new WriteCoalescer(channel, batches::incrementAndGet);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aSingleFrameIsFlushedOnTheNextTurnOfTheEventLoop() {
        writer.write(text("only"), null);
        assertThat(channel.outboundMessages()).isEmpty();

        channel.runPendingTasks();

        assertThat(texts()).containsExactly("only");
        assertThat(flushes).hasValue(1);
        assertThat(batches).hasValue(1);
    }

    @Test
    void framesQueuedBeforeTheEventLoopTurnLeaveInOrderWithOneFlush() {
        for (int i = 0; i < 100; i++) {
            writer.write(text("f" + i), null);
        }

        channel.runPendingTasks();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("f" + i);
        }
        assertThat(texts()).isEqualTo(expected);
        assertThat(flushes).hasValue(1);
    }

    @Test
    void aFrameQueuedAfterAFlushGetsAFlushOfItsOwn() {
        writer.write(text("first"), null);
        channel.runPendingTasks();
        writer.write(text("second"), null);
        channel.runPendingTasks();

        assertThat(texts()).containsExactly("first", "second");
        assertThat(flushes).hasValue(2);
    }

    @Test
    void aLongQueueIsFlushedAsItGoesSoThatItsHeadLeavesEarly() {
        String large = "x".repeat(WriteCoalescer.FLUSH_BYTES / 4);
        for (int i = 0; i < 8; i++) {
            writer.write(text(large), null);
        }

        channel.runPendingTasks();

        assertThat(texts()).hasSize(8);
        assertThat(flushes.get()).isGreaterThan(1);
    }

    @Test
    void theWritersPromiseLearnsTheFrameWasWritten() {
        ChannelPromise promise = channel.newPromise();
        writer.write(text("durable"), promise);
        assertThat(promise.isDone()).isFalse();

        channel.runPendingTasks();

        assertThat(promise.isSuccess()).isTrue();
    }

    @Test
    void aCloseFrameLeavesAfterTheFramesQueuedBeforeIt() {
        writer.write(text("error"), null);
        writer.write(new CloseWebSocketFrame(1008, "unauthorized"), null);

        channel.runPendingTasks();

        List<WebSocketFrame> out = outbound();
        assertThat(out).hasSize(2);
        assertThat(((TextWebSocketFrame) out.get(0)).text()).isEqualTo("error");
        assertThat(((CloseWebSocketFrame) out.get(1)).statusCode()).isEqualTo(1008);
        out.forEach(WebSocketFrame::release);
    }

    @Test
    void queuedBytesCountAgainstTheHighWaterMarkUntilTheyMoveToTheChannel() {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(64, 128));
        writer.write(text("y".repeat(200)), null);

        assertThat(writer.isWritable()).isFalse();

        channel.runPendingTasks();
        assertThat(writer.isWritable()).isTrue();
        texts();
    }

    private static TextWebSocketFrame text(String text) {
        return new TextWebSocketFrame(text);
    }

    private List<WebSocketFrame> outbound() {
        List<WebSocketFrame> frames = new ArrayList<>();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            frames.add((WebSocketFrame) message);
        }
        return frames;
    }

    private List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (WebSocketFrame frame : outbound()) {
            texts.add(((TextWebSocketFrame) frame).text());
            frame.release();
        }
        return texts;
    }
}
