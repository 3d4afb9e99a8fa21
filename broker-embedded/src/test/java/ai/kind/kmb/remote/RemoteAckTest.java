package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.StartPosition;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Settling durable deliveries over the network: automatic and manual ack, nack with and without
 * requeue, and the redelivery backoff. Timing is only bounded below: a redelivery may come late on
 * a busy machine, never early.
 */
class RemoteAckTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(300);
    private static final Duration THEN_BACKOFF = Duration.ofMillis(600);

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

    /** Nacks with requeue and returns the redelivery, checking it came no sooner than {@code atLeast}. */
    private static Delivery nackAndAwait(Delivery delivery, Received received, Duration atLeast)
            throws InterruptedException {
        long nacked = System.nanoTime();
        delivery.nack(true);
        Delivery again = received.next();
        Duration gap = Duration.ofNanos(System.nanoTime() - nacked);
        assertThat(gap).as("redelivery %d after its nack", again.deliveryCount()).isGreaterThanOrEqualTo(atLeast);
        return again;
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

    @Test
    void aNackWithRequeueIsRedeliveredNoSoonerThanTheBackoffForItsAttempt() throws Exception {
        Received received = new Received();
        bus.subscribe(worker(AckMode.MANUAL).withMaxDeliver(10).withBackoff(List.of(FIRST_BACKOFF, THEN_BACKOFF)),
                received);
        String id = publish("slow");

        Delivery first = received.next();
        Delivery second = nackAndAwait(first, received, FIRST_BACKOFF);
        Delivery third = nackAndAwait(second, received, THEN_BACKOFF);
        Delivery fourth = nackAndAwait(third, received, THEN_BACKOFF);
        fourth.ack();

        assertThat(List.of(first, second, third, fourth)).extracting(d -> d.message().id()).containsOnly(id);
        assertThat(fourth.deliveryCount()).isEqualTo(4);
    }

    @Test
    void aBackoffLongerThanTheServerTakesIsRefusedNamingBackoffMs() {
        SubscribeOptions tooLong = worker(AckMode.MANUAL).withBackoff(Collections.nCopies(33, FIRST_BACKOFF));

        KmbException refused = catchThrowableOfType(KmbException.class, () -> bus.subscribe(tooLong, new Received()));

        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.details()).extracting(ErrorDetail::field).containsExactly("backoff_ms");
        assertThat(refused.getMessage()).contains("backoff_ms", "33", "32");
    }
}
