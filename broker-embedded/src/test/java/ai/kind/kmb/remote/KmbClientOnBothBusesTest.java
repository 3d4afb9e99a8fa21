package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Hook;
import ai.kind.kmb.HookEvent;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.StartPosition;
import ai.kind.kmb.SubscribeOptions;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same program, written once against KmbClient, on the embedded broker and on a remote server. */
class KmbClientOnBothBusesTest {
    private final LiveServer server = new LiveServer();

    @AfterEach
    void close() {
        server.close();
    }

    static Stream<String> buses() {
        return Stream.of("embedded", "remote");
    }

    private KmbClient client(String kind) {
        return kind.equals("embedded") ? KmbClient.over(server.broker) : KmbClient.connect(server.options());
    }

    @ParameterizedTest
    @MethodSource("buses")
    void transformersMiddlewareAndHooksBehaveTheSameOnEitherBus(String kind) throws Exception {
        List<String> trail = new CopyOnWriteArrayList<>();
        Received received = new Received();
        try (KmbClient kmb = client(kind)) {
            kmb.transformOutbound(m -> m.withMetadata(m.metadata().withHeaders(Map.of("sender", "sdk-test"))))
                    .transformInbound(m -> m.withPayload(TextNode.valueOf(m.payload().asText().toUpperCase())))
                    .use((delivery, next) -> {
                        trail.add("middleware " + delivery.message().payload().asText());
                        next.onMessage(delivery);
                    })
                    .hook(Hook.BEFORE_PUBLISH, e -> trail.add("before " + e.message().metadata().headers()))
                    .hook(Hook.AFTER_PUBLISH, e -> trail.add("after " + (e.ack() != null)))
                    .hook("on_message", e -> trail.add("on_message"));
            kmb.subscribe(SubscribeOptions.durable("both-" + kind, "greet").withAckMode(AckMode.MANUAL)
                    .withFrom(StartPosition.EARLIEST), delivery -> {
                        received.onMessage(delivery);
                        delivery.ack();
                    });

            kmb.publish(Envelope.event("greet", TextNode.valueOf("hello")), PublishOptions.DURABLE)
                    .get(5, TimeUnit.SECONDS);

            Delivery delivery = received.next();
            assertThat(delivery.message().payload().asText()).isEqualTo("HELLO");
            assertThat(delivery.message().metadata().headers()).containsEntry("sender", "sdk-test");
            // Publishing and delivering run on different threads: each side keeps its own order.
            assertThat(trail).containsExactlyInAnyOrder("before {sender=sdk-test}", "after true", "on_message",
                    "middleware HELLO");
            assertThat(trail).containsSubsequence("before {sender=sdk-test}", "after true");
            assertThat(trail).containsSubsequence("on_message", "middleware HELLO");
        }
    }

    @ParameterizedTest
    @MethodSource("buses")
    void aFailingHandlerIsReportedAndItsDurableMessageComesBack(String kind) throws Exception {
        List<HookEvent.Source> errors = new CopyOnWriteArrayList<>();
        Received received = new Received();
        try (KmbClient kmb = client(kind)) {
            kmb.hook(Hook.ON_ERROR, e -> errors.add(e.source()));
            kmb.subscribe(SubscribeOptions.durable("retry-" + kind, "jobs"), delivery -> {
                received.onMessage(delivery);
                if (delivery.deliveryCount() == 1) {
                    throw new IllegalStateException("first attempt fails");
                }
            });

            kmb.publish(Envelope.event("jobs", TextNode.valueOf("x")), PublishOptions.DURABLE)
                    .get(5, TimeUnit.SECONDS);

            assertThat(received.next(2)).extracting(Delivery::deliveryCount).containsExactly(1, 2);
            assertThat(errors).containsExactly(HookEvent.Source.HANDLER);
        }
    }
}
