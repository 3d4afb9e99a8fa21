package ai.kind.kmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class KmbClientTest {
    private final FakeBus bus = new FakeBus();
    private final KmbClient client = KmbClient.over(bus);
    private final List<String> trail = new CopyOnWriteArrayList<>();
    private final List<HookEvent.OnError> errors = new CopyOnWriteArrayList<>();

    private static Envelope message(String id, String text) {
        return Envelope.event("agent.work", TextNode.valueOf(text)).withId(id);
    }

    private static Envelope withHeader(Envelope message, String key) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(message.metadata().headers());
        headers.put(key, "yes");
        return message.withMetadata(message.metadata().withHeaders(headers));
    }

    @Test
    void outboundTransformersRunInTheOrderAddedBeforeTheMessageIsPublished() {
        client.transformOutbound(m -> {
            trail.add("first saw " + m.metadata().headers().keySet());
            return withHeader(m, "a");
        }).transformOutbound(m -> {
            trail.add("second saw " + m.metadata().headers().keySet());
            return withHeader(m, "b");
        });

        client.publish("agent.work", TextNode.valueOf("x")).join();

        assertThat(trail).containsExactly("first saw []", "second saw [a]");
        assertThat(bus.published.getFirst().metadata().headers()).containsOnlyKeys("a", "b");
    }

    @Test
    void inboundTransformersRunInOrderBeforeTheHandler() {
        client.transformInbound(m -> m.withPayload(TextNode.valueOf(m.payload().asText() + "+1")))
                .transformInbound(m -> m.withPayload(TextNode.valueOf(m.payload().asText() + "+2")));
        client.subscribe("agent.#", d -> trail.add(d.message().payload().asText()));

        bus.deliver(message("m1", "raw"));

        assertThat(trail).containsExactly("raw+1+2");
    }

    @Test
    void middlewareWrapsTheHandlerWithTheFirstAddedOutermost() {
        client.use((d, next) -> {
            trail.add("outer before");
            next.onMessage(d);
            trail.add("outer after");
        }).use((d, next) -> {
            trail.add("inner before");
            next.onMessage(d);
            trail.add("inner after");
        });
        client.subscribe("agent.#", d -> trail.add("handler"));

        bus.deliver(message("m1", "x"));

        assertThat(trail).containsExactly("outer before", "inner before", "handler", "inner after", "outer after");
    }

    @Test
    void middlewareThatDoesNotCallNextSkipsTheHandler() {
        client.use((d, next) -> trail.add("skipped " + d.message().id()));
        client.subscribe("agent.#", d -> trail.add("handler"));

        bus.deliver(message("m1", "x"));

        assertThat(trail).containsExactly("skipped m1");
    }

    @Test
    void publishHooksSeeTheTransformedMessageAndTheAck() {
        client.transformOutbound(m -> withHeader(m, "stamped"))
                .hook(Hook.BEFORE_PUBLISH, e -> trail.add("before " + e.message().metadata().headers().keySet()))
                .hook(Hook.AFTER_PUBLISH, e -> trail.add("after offset " + e.ack().offset() + " error " + e.error()));

        client.publish(message("m1", "x"), PublishOptions.DURABLE).join();

        assertThat(trail).containsExactly("before [stamped]", "after offset 1 error null");
    }

    @Test
    void onMessageSeesTheDeliveryAfterTheInboundTransformers() {
        client.transformInbound(m -> m.withPayload(TextNode.valueOf("changed")))
                .hook(Hook.ON_MESSAGE, e -> trail.add("hook " + e.delivery().message().payload().asText()));
        client.subscribe("agent.#", d -> trail.add("handler"));

        bus.deliver(message("m1", "x"));

        assertThat(trail).containsExactly("hook changed", "handler");
    }

    @Test
    void aHandlerFailureIsReportedAsTheHandlersAndThrownOnSoTheBusCountsTheDeliveryFailed() {
        client.hook(Hook.ON_ERROR, errors::add);
        client.use((d, next) -> next.onMessage(d));
        IllegalStateException boom = new IllegalStateException("boom");
        client.subscribe("agent.#", d -> {
            throw boom;
        });

        Exception thrown = bus.deliver(message("m1", "x"));

        assertThat(thrown).isSameAs(boom);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(HookEvent.Source.HANDLER);
            assertThat(e.error()).isSameAs(boom);
            assertThat(e.message().id()).isEqualTo("m1");
        });
    }

    @Test
    void aMiddlewareFailureIsReportedAsTheMiddlewares() {
        client.hook(Hook.ON_ERROR, errors::add);
        client.use((d, next) -> {
            throw new IllegalArgumentException("bad middleware");
        });
        client.subscribe("agent.#", d -> trail.add("handler"));

        assertThat(bus.deliver(message("m1", "x"))).hasMessage("bad middleware");
        assertThat(errors).extracting(HookEvent.OnError::source).containsExactly(HookEvent.Source.MIDDLEWARE);
        assertThat(trail).isEmpty();
    }

    @Test
    void aFailingHookIsReportedAndThePublishGoesOn() {
        client.hook(Hook.ON_ERROR, errors::add).hook(Hook.BEFORE_PUBLISH, e -> {
            throw new IllegalStateException("hook broke");
        });

        PublishAck ack = client.publish("agent.work", TextNode.valueOf("x")).join();

        assertThat(ack.offset()).isEqualTo(1);
        assertThat(bus.published).hasSize(1);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(HookEvent.Source.HOOK);
            assertThat(e.error()).hasMessageContaining("before_publish").hasMessageContaining("hook broke");
        });
    }

    @Test
    void aFailingOnErrorHookIsOnlyLoggedNeverReportedToItself() {
        client.hook(Hook.ON_ERROR, e -> {
            trail.add("on_error");
            throw new IllegalStateException("on_error broke");
        }).hook(Hook.AFTER_PUBLISH, e -> {
            throw new IllegalStateException("after broke");
        });

        client.publish("agent.work", TextNode.valueOf("x")).join();

        assertThat(trail).containsExactly("on_error");
    }

    @Test
    void aRefusedPublishFailsItsFutureAndReachesAfterPublishAndOnError() {
        KmbException refusal = new KmbException(ErrorCode.FORBIDDEN, "not allowed");
        bus.refusePublish = refusal;
        client.hook(Hook.ON_ERROR, errors::add).hook(Hook.AFTER_PUBLISH, e -> trail.add("after " + e.error()));

        CompletableFuture<PublishAck> outcome = client.publish("agent.work", TextNode.valueOf("x"));

        assertThatThrownBy(outcome::join).hasCause(refusal);
        assertThat(trail).containsExactly("after " + refusal);
        assertThat(errors).extracting(HookEvent.OnError::source).containsExactly(HookEvent.Source.PUBLISH);
    }

    @Test
    void anOutboundTransformerReturningNullFailsThePublishWithoutSendingIt() {
        client.hook(Hook.ON_ERROR, errors::add).transformOutbound(m -> null);

        assertThatThrownBy(() -> client.publish("agent.work", TextNode.valueOf("x")).join())
                .hasMessageContaining("outbound transformer 1 returned null");
        assertThat(bus.published).isEmpty();
        assertThat(errors).extracting(HookEvent.OnError::source)
                .containsExactly(HookEvent.Source.OUTBOUND_TRANSFORMER);
    }

    @Test
    void ackingADeliveryWhoseIdATransformerChangedSettlesTheIdTheBusSent() {
        client.transformInbound(m -> m.withId("renamed"));
        client.subscribe(SubscribeOptions.durable("d", "agent.#").withAckMode(AckMode.MANUAL), d -> {
            d.ack();
            d.nack(false);
        });

        bus.deliver(message("original", "x"));

        assertThat(bus.settled).containsExactly("ack original", "nack original reject");
    }

    @Test
    void hooksCanBeNamedAsStringsAndUnknownNamesAreRefused() {
        client.hook("after_publish", e -> trail.add(e.getClass().getSimpleName()));
        client.publish("agent.work", TextNode.valueOf("x")).join();

        assertThat(trail).containsExactly("AfterPublish");
        assertThatThrownBy(() -> client.hook("on_mesage", e -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("on_mesage").hasMessageContaining("on_message");
    }

    @Test
    void publishWithMetadataSendsAnEventCarryingIt() {
        Metadata metadata = Metadata.EMPTY.withTrace("t1", "s1", null);

        client.publish("agent.work", TextNode.valueOf("x"), metadata).join();

        Envelope sent = bus.published.getFirst();
        assertThat(sent.type()).isEqualTo(MessageType.EVENT);
        assertThat(sent.metadata().traceId()).isEqualTo("t1");
    }

    @Test
    void subscribePassesEveryOptionToTheBus() {
        SubscribeOptions options = SubscribeOptions.durable("d", "agent.#").withGroup("g")
                .withAckMode(AckMode.MANUAL).withFrom(StartPosition.EARLIEST);

        Subscription subscription = client.subscribe(options, d -> { });

        assertThat(bus.subscriptions.getFirst().options).isEqualTo(options);
        assertThat(subscription.id()).isEqualTo("s1");
    }

    @Test
    void closingClosesItsSubscriptionsButNotABusItDoesNotOwn() {
        client.subscribe("agent.#", d -> { });

        client.close();

        assertThat(bus.subscriptions.getFirst().closed).isTrue();
        assertThat(bus.closed).isFalse();
        assertThatThrownBy(() -> client.publish("agent.work", TextNode.valueOf("x")).join())
                .hasMessageContaining("the KMB client is closed");
        assertThatThrownBy(() -> client.subscribe("agent.#", d -> { }))
                .isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
}
