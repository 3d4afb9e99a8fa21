package ai.kind.kmb.broker.net;

import java.time.Clock;
import ai.kind.kmb.broker.security.ServerSecurity;
import ai.kind.kmb.broker.security.SecurityAdvisories;
import ai.kind.kmb.broker.security.AuthSettings;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.protocol.Frame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The protocol without sockets: frames in, frames out. */
class ProtocolSessionTest {
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final RecordingOutput out = new RecordingOutput();
    private final ServerLimits limits = ServerLimits.defaults().withMaxSubscriptions(2);
    private final ProtocolSession session = new ProtocolSession(broker, limits, out, new ServerMetrics(), "conn-1",
            "127.0.0.1:50000", "kmbd-unit", broker.rateLimits(), ServerSecurity.of(AuthSettings.NONE, Clock.systemUTC(), new SecurityAdvisories(advisory -> {
            })));

    @AfterEach
    void close() {
        session.close();
        broker.close();
    }

    private static final class RecordingOutput implements SessionOutput {
        final List<Frame.ServerFrame> frames = new CopyOnWriteArrayList<>();
        volatile Integer closeCode;

        @Override
        public void send(Frame.ServerFrame frame) {
            frames.add(frame);
        }

        @Override
        public boolean deliver(Frame.Msg msg, boolean untilWritten) {
            frames.add(msg);
            return true;
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        Frame.ServerFrame last() {
            return frames.getLast();
        }
    }

    @Test
    void helloWithoutClientIdIsWelcomedWithTheConnectionId() {
        session.onText("{\"op\":\"hello\",\"req\":0}", 23);

        assertThat(out.last()).isEqualTo(new Frame.Welcome(0, "conn-1", "kmbd-unit", 1));
    }

    @Test
    void subokIsSentBeforeTheFirstDelivery() throws InterruptedException {
        broker.publish(ai.kind.kmb.Envelope.event("t", null), ai.kind.kmb.PublishOptions.DURABLE).join();

        session.onText("{\"op\":\"sub\",\"req\":1,\"sid\":\"s\",\"filter\":\"t\",\"durable\":\"d\",\"from\":\"earliest\"}",
                80);

        waitForFrames(2);
        assertThat(out.frames.getFirst()).isEqualTo(new Frame.SubOk(1, "s"));
        assertThat(out.frames.get(1)).isInstanceOf(Frame.Msg.class);
    }

    @Test
    void aFrameOverTheMessageLimitIsTooLargeEchoingItsReq() {
        session.onText("{\"op\":\"ping\",\"req\":41}", limits.maxMessageBytes() + 1);

        Frame.Error error = (Frame.Error) out.last();
        assertThat(error.req()).isEqualTo(41L);
        assertThat(error.code()).isEqualTo("too_large");
    }

    @Test
    void theSubscriptionLimitIsRateLimited() {
        for (int i = 0; i < 3; i++) {
            session.onText("{\"op\":\"sub\",\"req\":" + i + ",\"sid\":\"s" + i + "\",\"filter\":\"t\"}", 40);
        }

        assertThat(out.frames).hasSize(3);
        assertThat(((Frame.Error) out.last()).code()).isEqualTo("rate_limited");
        assertThat(session.subscriptionCount()).isEqualTo(2);
    }

    @Test
    void badFramesInARowCloseWith1008AndAGoodFrameResetsTheCount() {
        for (int i = 0; i < limits.maxBadFrames() - 1; i++) {
            session.onText("nope", 4);
        }
        session.onText("{\"op\":\"ping\",\"req\":1}", 22);
        for (int i = 0; i < limits.maxBadFrames() - 1; i++) {
            session.onText("nope", 4);
        }
        assertThat(out.closeCode).isNull();

        session.onText("nope", 4);

        assertThat(out.closeCode).isEqualTo(1008);
    }

    @Test
    void aDrainingSessionRefusesPublishesButStillAnswersPings() {
        session.drain();

        session.onText("{\"op\":\"pub\",\"req\":1,\"msg\":{\"topic\":\"t\"}}", 40);
        assertThat(((Frame.Error) out.last()).code()).isEqualTo("unavailable");
        session.onText("{\"op\":\"ping\",\"req\":2}", 22);
        assertThat(out.last()).isEqualTo(new Frame.Pong(2));
    }

    @Test
    void closingTheSessionClosesItsSubscriptions() {
        session.onText("{\"op\":\"sub\",\"req\":1,\"sid\":\"s\",\"filter\":\"t\"}", 40);

        session.close();
        broker.publish(ai.kind.kmb.Envelope.event("t", null)).join();

        assertThat(session.subscriptionCount()).isZero();
        assertThat(out.frames).containsExactly(new Frame.SubOk(1, "s"));
    }

    private void waitForFrames(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (out.frames.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(out.frames).hasSizeGreaterThanOrEqualTo(count);
    }
}
