package ai.kind.kmb.broker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.dlq.DeadLetterQuery;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryHooksTest {
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        broker.close();
    }

    private Delivery next() throws InterruptedException {
        Delivery delivery = received.poll(10, TimeUnit.SECONDS);
        assertThat(delivery).as("a delivery").isNotNull();
        return delivery;
    }

    private void publish(String topic) {
        broker.publish(Envelope.event(topic, Json.object()), PublishOptions.DURABLE).join();
    }

    @Test
    void anInterceptorRunsOnTheSubscriptionsThreadAndChangesWhatTheHandlerGets() throws Exception {
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        broker.deliveryHooks().add((context, message) -> {
            threads.add(Thread.currentThread().getName());
            return message.withPayload(Json.object().put("seen_by", context.subscriptionId()));
        });
        broker.subscribe(SubscribeOptions.ephemeral("orders.#"), received::add);

        publish("orders.created");

        Delivery delivery = next();
        assertThat(delivery.message().payload().get("seen_by").asText()).isEqualTo(delivery.subscriptionId());
        assertThat(threads.poll()).startsWith("kmb-sub-").isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aNullFromAnInterceptorSkipsTheDeliveryAndSettlesIt() throws Exception {
        broker.deliveryHooks().add((context, message) -> message.topic().endsWith("secret") ? null : message);
        broker.subscribe(SubscribeOptions.durable("skipper", "orders.#"), received::add);

        publish("orders.secret");
        publish("orders.open");

        assertThat(next().message().topic()).isEqualTo("orders.open");
        assertThat(received).isEmpty();
        assertThat(broker.store().deadLetters(DeadLetterQuery.all(10))).isEmpty();
    }

    @Test
    void aThrowingInterceptorSkipsAnEphemeralDeliveryAndCountsIt() throws Exception {
        broker.deliveryHooks().add((context, message) -> {
            if (message.topic().endsWith("bad")) {
                throw new IllegalStateException("broken hook");
            }
            return message;
        });
        broker.subscribe(SubscribeOptions.ephemeral("orders.#"), received::add);

        publish("orders.bad");
        publish("orders.good");

        assertThat(next().message().topic()).isEqualTo("orders.good");
        assertThat(broker.deliveryHooks().failures()).isEqualTo(1);
        assertThat(broker.store().deadLetters(DeadLetterQuery.all(10))).isEmpty();
    }
}
