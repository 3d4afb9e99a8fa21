package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.StartPosition;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Settling durable deliveries over the network: automatic and manual ack, nack with and without requeue. */
class RemoteAckTest {
    private static final Duration QUIET = Duration.ofMillis(300);

    private final LiveServer server = new LiveServer();
    private final RemoteBus bus = server.connect();

    @AfterEach
    void close() {
        bus.close();
        server.close();
    }

    private String publish(String text) throws Exception {
        return bus.publish(Envelope.event("jobs", TextNode.valueOf(text)), PublishOptions.DURABLE)
                .get(5, TimeUnit.SECONDS).id();
    }

    private static SubscribeOptions worker(AckMode mode) {
        return SubscribeOptions.durable("worker", "jobs").withAckMode(mode).withFrom(StartPosition.EARLIEST);
    }

    /** Subscribes the durable again and returns what it is given within a short wait. */
    private List<Delivery> resubscribe() throws Exception {
        Received again = new Received();
        Subscription subscription = bus.subscribe(worker(AckMode.MANUAL), again);
        try {
            return again.quietFor(QUIET);
        } finally {
            subscription.close();
        }
    }

    @Test
    void automaticAckSettlesOnceTheHandlerReturns() throws Exception {
        Received received = new Received();
        Subscription subscription = bus.subscribe(worker(AckMode.AUTO), received);
        publish("one");
        received.next();
        Thread.sleep(QUIET);
        subscription.close();

        assertThat(resubscribe()).isEmpty();
    }

    @Test
    void aHandlerThatThrowsUnderAutomaticAckGetsTheMessageAgain() throws Exception {
        Received received = new Received();
        bus.subscribe(worker(AckMode.AUTO), delivery -> {
            received.onMessage(delivery);
            if (delivery.deliveryCount() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        });
        String id = publish("flaky");

        Delivery first = received.next();
        Delivery second = received.next();
        assertThat(second.message().id()).isEqualTo(first.message().id()).isEqualTo(id);
        assertThat(second.deliveryCount()).isEqualTo(2);
    }

    @Test
    void aManualAckSettlesTheMessage() throws Exception {
        Received received = new Received();
        Subscription subscription = bus.subscribe(worker(AckMode.MANUAL), received);
        publish("one");
        received.next().ack();
        Thread.sleep(QUIET);
        subscription.close();

        assertThat(resubscribe()).isEmpty();
    }

    @Test
    void aManualDeliveryLeftUnackedComesBackToTheNextSubscriber() throws Exception {
        Received received = new Received();
        Subscription subscription = bus.subscribe(worker(AckMode.MANUAL), received);
        String id = publish("unfinished");
        received.next();
        subscription.close();

        List<Delivery> again = resubscribe();
        assertThat(again).extracting(d -> d.message().id()).containsExactly(id);
        assertThat(again.getFirst().deliveryCount()).isEqualTo(2);
    }

    @Test
    void aNackWithRequeueRedelivers() throws Exception {
        Received received = new Received();
        bus.subscribe(worker(AckMode.MANUAL), received);
        String id = publish("again");

        received.next().nack(true);

        Delivery redelivered = received.next();
        assertThat(redelivered.message().id()).isEqualTo(id);
        assertThat(redelivered.deliveryCount()).isEqualTo(2);
        redelivered.ack();
    }

    @Test
    void aNackWithoutRequeueDeadLettersAtOnce() throws Exception {
        Received received = new Received();
        bus.subscribe(worker(AckMode.MANUAL), received);
        String id = publish("poison");

        received.next().nack(false);

        assertThat(received.quietFor(QUIET)).isEmpty();
        List<DeadLetter> letters = server.broker.deadLetters().list(DeadLetterQuery.all(10));
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.message().id()).isEqualTo(id);
            assertThat(letter.death().reason()).isEqualTo(DeathReason.REJECTED);
            assertThat(letter.death().originalTopic()).isEqualTo("jobs");
        });
    }
}
