package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Acknowledger;
import ai.kind.kmb.Bus;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.pipeline.PublishPipeline;
import ai.kind.kmb.broker.ratelimit.RateLimits;
import ai.kind.kmb.broker.security.AuthSettings;
import ai.kind.kmb.broker.security.SecurityAdvisories;
import ai.kind.kmb.broker.security.ServerSecurity;
import ai.kind.kmb.broker.security.TestTokens;
import ai.kind.kmb.protocol.Frame;
import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Over random permission sets, filters and topics, a client never gets a message onto the bus
 * that its publish permissions deny, and never receives one its subscribe permissions deny, even
 * through a filter (such as {@code #}) wider than what it is allowed.
 */
class AccessControlPropertyTest {
    private static final List<String> SEGMENTS = List.of("a", "b", "c");
    private static final List<String> FILTER_SEGMENTS = List.of("a", "b", "c", "*", "#");
    private static final String CLIENT = "agent-7";
    private static final int TRIALS = 300;

    /** A bus that records what it was asked to publish and routes what the test offers to matching handlers. */
    private static final class RecordingBus implements Bus {
        final List<Envelope> published = new ArrayList<>();
        final Map<TopicFilter, MessageHandler> handlers = new LinkedHashMap<>();

        @Override
        public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
            published.add(message);
            return CompletableFuture.completedFuture(new PublishAck("id", PublishAck.NOT_STORED, false));
        }

        @Override
        public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
            handlers.put(options.topicFilter(), handler);
            return new Subscription() {
                public String id() {
                    return "s";
                }

                public SubscribeOptions options() {
                    return options;
                }

                public long dropped() {
                    return 0;
                }

                public void close() {
                    handlers.remove(options.topicFilter());
                }

                public void ack(String messageId) {
                }

                public void nack(String messageId, boolean requeue) {
                }
            };
        }

        /** Offers the message to every subscription whose filter matches, as the broker's routing does. */
        void route(Envelope message, Acknowledger acknowledger) throws Exception {
            for (var entry : Map.copyOf(handlers).entrySet()) {
                if (entry.getKey().matches(message.topic())) {
                    entry.getValue().onMessage(new Delivery("s", 1, PublishAck.NOT_STORED, message, acknowledger));
                }
            }
        }

        @Override
        public void close() {
        }
    }

    private static final class Frames implements SessionOutput {
        final List<Frame.ServerFrame> frames = new ArrayList<>();

        @Override
        public synchronized void send(Frame.ServerFrame frame) {
            frames.add(frame);
        }

        @Override
        public synchronized boolean deliver(Frame.Msg msg, boolean untilWritten) {
            frames.add(msg);
            return true;
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    @Test
    void noClientPublishesOrReceivesWhatItsPermissionsDeny() throws Exception {
        Random random = new Random(7);
        int[] passed = new int[2];
        for (int trial = 0; trial < TRIALS; trial++) {
            int[] counts = runTrial(random);
            passed[0] += counts[0];
            passed[1] += counts[1];
        }

        assertThat(passed[0]).as("publishes allowed through").isPositive();
        assertThat(passed[1]).as("deliveries allowed through").isPositive();
    }

    @Test
    void aResponderMayReplyToTheCommandsDeliveredToItAndNowhereElse() throws Exception {
        RecordingBus bus = new RecordingBus();
        Frames out = new Frames();
        ProtocolSession session = new ProtocolSession(bus, ServerLimits.defaults(), out, new ServerMetrics(), "conn",
                "127.0.0.1:50000", "unit", RateLimits.system(new PublishPipeline()), ServerSecurity.of(AuthSettings.hmac(TestTokens.SECRET), Clock.systemUTC(),
                        new SecurityAdvisories(advisory -> { })));
        String token = TestTokens.hs256(TestTokens.claims("worker", TestTokens.permissions(
                List.of(), List.of(), List.of("svc.#"), List.of(), false)).build());
        session.onText("{\"op\":\"hello\",\"req\":0,\"token\":\"" + token + "\"}", token.length() + 40);
        session.onText("{\"op\":\"sub\",\"req\":1,\"sid\":\"s\",\"filter\":\"svc.#\"}", 60);
        Envelope command = Envelope.of("svc.resize", ai.kind.kmb.MessageType.COMMAND, IntNode.valueOf(1),
                ai.kind.kmb.Metadata.EMPTY.withCorrelation("c-1", "_inbox.caller.r1"));

        bus.route(command, noAcks());
        session.onText("{\"op\":\"pub\",\"req\":2,\"msg\":{\"topic\":\"_inbox.caller.r1\",\"type\":\"reply\","
                + "\"payload\":1}}", 100);
        session.onText("{\"op\":\"pub\",\"req\":3,\"msg\":{\"topic\":\"_inbox.other.r9\",\"type\":\"reply\","
                + "\"payload\":1}}", 100);

        assertThat(bus.published).extracting(Envelope::topic).containsExactly("_inbox.caller.r1");
        assertThat(out.frames).anySatisfy(frame -> assertThat(frame).isInstanceOfSatisfying(Frame.Error.class,
                error -> assertThat(error.code()).isEqualTo("forbidden")));
        session.close();
    }

    /** Runs one client; answers how many of its publishes and deliveries went through. */
    private static int[] runTrial(Random random) throws Exception {
        List<String> pubAllow = filters(random);
        List<String> pubDeny = filters(random);
        List<String> subAllow = filters(random);
        List<String> subDeny = filters(random);
        RecordingBus bus = new RecordingBus();
        Frames out = new Frames();
        ServerSecurity security = ServerSecurity.of(AuthSettings.hmac(TestTokens.SECRET), Clock.systemUTC(),
                new SecurityAdvisories(advisory -> { }));
        ProtocolSession session = new ProtocolSession(bus, ServerLimits.defaults(), out, new ServerMetrics(), "conn",
                "127.0.0.1:50000", "unit", RateLimits.system(new PublishPipeline()), security);
        String token = TestTokens.hs256(TestTokens.claims(CLIENT,
                TestTokens.permissions(pubAllow, pubDeny, subAllow, subDeny, false)).build());
        session.onText("{\"op\":\"hello\",\"req\":0,\"token\":\"" + token + "\"}", token.length() + 40);

        for (int i = 0; i < 3; i++) {
            String filter = filter(random);
            session.onText("{\"op\":\"sub\",\"req\":" + (i + 1) + ",\"sid\":\"s" + i + "\",\"filter\":\"" + filter
                    + "\"}", 80);
        }
        for (int i = 0; i < 20; i++) {
            Envelope message = Envelope.event(topic(random), IntNode.valueOf(i));
            session.onText("{\"op\":\"pub\",\"req\":" + (100 + i) + ",\"msg\":{\"topic\":\"" + message.topic()
                    + "\",\"type\":\"event\",\"payload\":" + i + "}}", 100);
            bus.route(message, noAcks());
        }

        for (Envelope published : bus.published) {
            assertThat(allowed(pubAllow, pubDeny, published.topic()))
                    .as("published %s with pub allow %s deny %s", published.topic(), pubAllow, pubDeny).isTrue();
        }
        int received = 0;
        for (Frame.ServerFrame frame : out.frames) {
            if (frame instanceof Frame.Msg msg) {
                received++;
                assertThat(allowed(subAllow, subDeny, msg.msg().topic()))
                        .as("received %s with sub allow %s deny %s", msg.msg().topic(), subAllow, subDeny).isTrue();
            }
        }
        session.close();
        return new int[] {bus.published.size(), received};
    }

    private static boolean allowed(List<String> allow, List<String> deny, String topic) {
        return allow.stream().anyMatch(f -> TopicFilter.parse(f).matches(topic))
                && deny.stream().noneMatch(f -> TopicFilter.parse(f).matches(topic));
    }

    private static Acknowledger noAcks() {
        return new Acknowledger() {
            public void ack(String messageId) {
            }

            public void nack(String messageId, boolean requeue) {
            }
        };
    }

    private static List<String> filters(Random random) {
        List<String> filters = new ArrayList<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            filters.add(filter(random));
        }
        return filters;
    }

    private static String filter(Random random) {
        return join(random, FILTER_SEGMENTS);
    }

    private static String topic(Random random) {
        return join(random, SEGMENTS);
    }

    private static String join(Random random, List<String> choices) {
        int depth = 1 + random.nextInt(3);
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            segments.add(choices.get(random.nextInt(choices.size())));
        }
        return String.join(".", segments);
    }
}
