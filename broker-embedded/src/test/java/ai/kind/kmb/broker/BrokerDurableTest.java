package ai.kind.kmb.broker;

import static ai.kind.kmb.broker.BrokerEphemeralTest.range;
import static ai.kind.kmb.broker.Messages.event;
import static ai.kind.kmb.broker.Messages.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.StartPosition;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.delivery.Advisories;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BrokerDurableTest {
    private static final Duration SHORT_WAIT = Duration.ofMillis(300);

    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());

    @AfterEach
    void close() {
        broker.close();
    }

    private SubscribeOptions manual(String name, String filter) {
        return SubscribeOptions.durable(name, filter).withAckMode(AckMode.MANUAL).withAckWait(SHORT_WAIT);
    }

    private void publishDurably(String topic, int from, int to) {
        for (int i = from; i < to; i++) {
            broker.publish(event(topic, i), PublishOptions.DURABLE).join();
        }
    }

    @Test
    void durablePublishIsStoredWithGrowingOffsets() {
        PublishAck first = broker.publish(event("t", 1), PublishOptions.DURABLE).join();
        PublishAck second = broker.publish(event("t", 2), PublishOptions.DURABLE).join();

        assertThat(second.offset()).isGreaterThan(first.offset()).isPositive();
        assertThat(broker.store().lastOffset()).isEqualTo(second.offset());
    }

    @Test
    void durableSubscriptionReceivesEveryDurableMessageInOrderWithOffsets() {
        Deliveries deliveries = new Deliveries();
        broker.subscribe(SubscribeOptions.durable("d", "orders.#"), deliveries);

        publishDurably("orders.new", 0, 200);

        List<Delivery> received = deliveries.next(200);
        assertThat(received).extracting(Messages::n).containsExactlyElementsOf(range(0, 200, 1));
        assertThat(received).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
        assertThat(received).extracting(Delivery::offset).isSorted();
    }

    @Test
    void unacknowledgedMessageIsRedeliveredAfterAckWaitWithAGrowingCount() {
        Deliveries deliveries = new Deliveries();
        broker.subscribe(manual("d", "t").withMaxDeliver(10), deliveries);
        publishDurably("t", 1, 2);

        Delivery first = deliveries.next();
        Delivery second = deliveries.next();
        second.ack();

        assertThat(first.deliveryCount()).isEqualTo(1);
        assertThat(second.deliveryCount()).isEqualTo(2);
        assertThat(second.message().id()).isEqualTo(first.message().id());
        assertThat(deliveries.quietFor(SHORT_WAIT.multipliedBy(3))).isEmpty();
    }

    @Test
    void nackWithRequeueRedeliversAfterTheBackoff() {
        Deliveries deliveries = new Deliveries();
        broker.subscribe(manual("d", "t").withBackoff(List.of(Duration.ofMillis(100))), deliveries);
        publishDurably("t", 1, 2);

        Delivery first = deliveries.next();
        Instant nackedAt = Instant.now();
        first.nack(true);
        Delivery again = deliveries.next();
        again.ack();

        assertThat(again.deliveryCount()).isEqualTo(2);
        assertThat(Duration.between(nackedAt, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(deliveries.quietFor(SHORT_WAIT.multipliedBy(2))).isEmpty();
    }

    @Test
    void rejectDeadLettersAtOnceWithReasonRejected() {
        Deliveries deliveries = new Deliveries();
        Deliveries advisories = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral(Advisories.DEAD_LETTER), advisories);
        broker.subscribe(manual("worker", "jobs.#"), deliveries);
        publishDurably("jobs.poison", 7, 8);

        deliveries.next().nack(false);

        Delivery advisory = advisories.next();
        DeadLetter letter = broker.deadLetters().get(advisory.message().payload().get("dead_letter_id").asText());
        assertThat(letter.death().reason()).isEqualTo(DeathReason.REJECTED);
        assertThat(letter.death().originalTopic()).isEqualTo("jobs.poison");
        assertThat(letter.death().subscriber()).isEqualTo("worker");
        assertThat(letter.death().deliveryCount()).isEqualTo(1);
        assertThat(n(new Delivery("x", 1, 0, letter.message(), null))).isEqualTo(7);
        assertThat(deliveries.quietFor(SHORT_WAIT.multipliedBy(2))).isEmpty();
    }

    @Test
    void handlerThatAlwaysFailsIsDeliveredExactlyMaxDeliverTimesThenDeadLettered() {
        Deliveries attempts = new Deliveries();
        Deliveries advisories = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral(Advisories.DEAD_LETTER), advisories);
        broker.subscribe(SubscribeOptions.durable("fragile", "t").withMaxDeliver(3).withAckWait(SHORT_WAIT), delivery -> {
            attempts.onMessage(delivery);
            throw new IllegalArgumentException("cannot parse order");
        });
        publishDurably("t", 1, 2);

        assertThat(attempts.next(3)).extracting(Delivery::deliveryCount).containsExactly(1, 2, 3);
        advisories.next();
        assertThat(attempts.quietFor(SHORT_WAIT.multipliedBy(2))).isEmpty();
        DeadLetter letter = broker.deadLetters().list(DeadLetterQuery.all(10)).getFirst();
        assertThat(letter.death().reason()).isEqualTo(DeathReason.MAX_DELIVERIES);
        assertThat(letter.death().deliveryCount()).isEqualTo(3);
        assertThat(letter.death().lastError()).contains("cannot parse order");
    }

    @Test
    void requeuedDeadLetterReturnsToItsTopicAndASecondDeathUpdatesTheSameLetter() {
        Deliveries deliveries = new Deliveries();
        broker.subscribe(manual("worker", "t"), deliveries);
        publishDurably("t", 1, 2);
        deliveries.next().nack(false);
        String letterId = awaitOneLetter().id();

        broker.deadLetters().requeue(letterId, null).join();
        Delivery again = deliveries.next();
        assertThat(broker.deadLetters().list(DeadLetterQuery.all(10))).isEmpty();
        again.nack(false);

        DeadLetter letter = awaitOneLetter();
        assertThat(letter.death().deaths()).isEqualTo(2);
    }

    @Test
    void startPositionsEarliestOffsetTimeAndNew() throws InterruptedException {
        publishDurably("t", 0, 3);
        Thread.sleep(20);
        Instant middle = Instant.now();
        Thread.sleep(20);
        publishDurably("t", 3, 6);

        assertThat(firstN(SubscribeOptions.durable("e", "t").withFrom(StartPosition.EARLIEST))).isEqualTo(0);
        assertThat(firstN(SubscribeOptions.durable("o", "t").withFrom(new StartPosition.AtOffset(2)))).isEqualTo(1);
        assertThat(firstN(SubscribeOptions.durable("m", "t").withFrom(new StartPosition.AtTime(middle)))).isEqualTo(3);
        Deliveries fresh = new Deliveries();
        broker.subscribe(SubscribeOptions.durable("n", "t"), fresh);
        publishDurably("t", 6, 7);
        assertThat(n(fresh.next())).isEqualTo(6);
    }

    @Test
    void durablePositionIsKeptWhileNobodyIsSubscribed() {
        Deliveries first = new Deliveries();
        Subscription subscription = broker.subscribe(SubscribeOptions.durable("d", "t"), first);
        publishDurably("t", 0, 5);
        first.next(5);
        subscription.close();

        publishDurably("t", 5, 10);
        Deliveries second = new Deliveries();
        broker.subscribe(SubscribeOptions.durable("d", "t"), second);

        assertThat(second.next(5)).extracting(Messages::n).containsExactlyElementsOf(range(5, 10, 1));
    }

    @Test
    void durableQueueGroupSharesMessagesAndASecondSubscriberWithoutGroupIsRefused() {
        Deliveries all = new Deliveries();
        AtomicInteger toOne = new AtomicInteger();
        AtomicInteger toTwo = new AtomicInteger();
        broker.subscribe(SubscribeOptions.durable("pool", "jobs").withGroup("g"), counting(toOne, all));
        broker.subscribe(SubscribeOptions.durable("pool", "jobs").withGroup("g"), counting(toTwo, all));
        publishDurably("jobs", 0, 50);

        assertThat(all.next(50)).extracting(Messages::n).containsExactlyInAnyOrderElementsOf(range(0, 50, 1));
        assertThat(all.quietFor(SHORT_WAIT)).as("each message to one member").isEmpty();
        assertThat(toOne.get()).isPositive();
        assertThat(toTwo.get()).isPositive();
        assertThatThrownBy(() -> broker.subscribe(SubscribeOptions.durable("pool", "jobs"), new Deliveries()))
                .isInstanceOf(KmbException.class).hasMessageContaining("group");
    }

    private static MessageHandler counting(AtomicInteger count, Deliveries all) {
        return delivery -> {
            count.incrementAndGet();
            all.onMessage(delivery);
        };
    }

    @Test
    void resubscribingADurableWithAnotherFilterIsRefused() {
        broker.subscribe(SubscribeOptions.durable("d", "a.#"), new Deliveries()).close();

        assertThatThrownBy(() -> broker.subscribe(SubscribeOptions.durable("d", "b.#"), new Deliveries()))
                .isInstanceOf(KmbException.class).hasMessageContaining("a.#");
    }

    @Test
    void ephemeralMessagesDoNotReachDurableSubscriptions() {
        Deliveries durable = new Deliveries();
        broker.subscribe(SubscribeOptions.durable("d", "t"), durable);

        broker.publish(event("t", 1), PublishOptions.EPHEMERAL).join();
        broker.publish(event("t", 2), PublishOptions.DURABLE).join();

        assertThat(n(durable.next())).isEqualTo(2);
        assertThat(durable.quietFor(Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void expiredMessageIsDeadLetteredInsteadOfDelivered() throws InterruptedException {
        var expiring = event("t", 1).withMetadata(ai.kind.kmb.Metadata.EMPTY.withHeaders(java.util.Map.of()));
        expiring = expiring.withMetadata(new ai.kind.kmb.Metadata(null, null, null, null, null, null, null, 1L, null,
                null, null, null));
        broker.publish(expiring, PublishOptions.DURABLE).join();
        Thread.sleep(20);

        Deliveries deliveries = new Deliveries();
        broker.subscribe(SubscribeOptions.durable("late", "t").withFrom(StartPosition.EARLIEST), deliveries);

        assertThat(awaitOneLetter().death().reason()).isEqualTo(DeathReason.EXPIRED);
        assertThat(deliveries.quietFor(Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void deletedDurableStartsAfreshWhenSubscribedAgain() {
        Subscription subscription = broker.subscribe(SubscribeOptions.durable("d", "t"), new Deliveries());
        publishDurably("t", 0, 3);
        subscription.close();

        assertThat(broker.deleteDurable("d")).isTrue();
        Deliveries again = new Deliveries();
        broker.subscribe(SubscribeOptions.durable("d", "t"), again);
        publishDurably("t", 3, 4);

        assertThat(n(again.next())).isEqualTo(3);
    }

    private int firstN(SubscribeOptions options) {
        Deliveries deliveries = new Deliveries();
        broker.subscribe(options, deliveries);
        return n(deliveries.next());
    }

    private DeadLetter awaitOneLetter() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<DeadLetter> letters = broker.deadLetters().list(DeadLetterQuery.all(10));
            if (!letters.isEmpty()) {
                return letters.getFirst();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no dead letter within 10 s");
    }
}
