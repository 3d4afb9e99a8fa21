package ai.kind.kmb.broker;

import static ai.kind.kmb.broker.Messages.event;
import static ai.kind.kmb.broker.Messages.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.delivery.Advisories;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BrokerEphemeralTest {
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void wildcardSubscribersReceiveMatchingMessagesInPublishOrder() {
        Deliveries all = new Deliveries();
        Deliveries oneLevel = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral("kmb.agent.#"), all);
        broker.subscribe(SubscribeOptions.ephemeral("kmb.*.lifecycle"), oneLevel);

        for (int i = 0; i < 100; i++) {
            broker.publish(event(i % 2 == 0 ? "kmb.agent.lifecycle" : "kmb.agent.error", i)).join();
        }

        assertThat(all.next(100)).extracting(Messages::n).containsExactlyElementsOf(range(0, 100, 1));
        assertThat(oneLevel.next(50)).extracting(Messages::n).containsExactlyElementsOf(range(0, 100, 2));
        assertThat(all.quietFor(Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void aFilterMatchingThroughTwoPathsDeliversOnce() {
        Deliveries deliveries = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral("a.#.#.b.#"), deliveries);

        broker.publish(event("a.b.b.b", 1)).join();

        assertThat(deliveries.next().message().topic()).isEqualTo("a.b.b.b");
        assertThat(deliveries.quietFor(Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void ephemeralPublishIsStampedAndNotStored() {
        Deliveries deliveries = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral("t"), deliveries);

        PublishAck ack = broker.publish(event("t", 1), PublishOptions.EPHEMERAL).join();

        Delivery delivery = deliveries.next();
        assertThat(ack.offset()).isEqualTo(PublishAck.NOT_STORED);
        assertThat(delivery.message().id()).isEqualTo(ack.id()).isNotBlank();
        assertThat(delivery.message().timestamp()).isNotNull();
        assertThat(broker.store().lastOffset()).isZero();
    }

    @Test
    void closedSubscriptionReceivesNothingMore() {
        Deliveries deliveries = new Deliveries();
        Subscription subscription = broker.subscribe(SubscribeOptions.ephemeral("t"), deliveries);
        broker.publish(event("t", 1)).join();
        deliveries.next();

        subscription.close();
        broker.publish(event("t", 2)).join();

        assertThat(deliveries.quietFor(Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void drainingASubscriptionHandlesWhatWasBufferedAndNothingAfter() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Deliveries handled = new Deliveries();
        Subscription slow = broker.subscribe(SubscribeOptions.ephemeral("t"), delivery -> {
            release.await();
            handled.onMessage(delivery);
        });
        for (int i = 0; i < 20; i++) {
            broker.publish(event("t", i)).join();
        }

        Thread.ofVirtual().start(() -> slow.drain(Duration.ofSeconds(10)));
        Thread.sleep(50);
        broker.publish(event("t", 99)).join();
        release.countDown();

        assertThat(handled.next(20)).extracting(Messages::n).containsExactlyElementsOf(range(0, 20, 1));
        assertThat(handled.quietFor(Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void queueGroupGivesEachMessageToExactlyOneMember() {
        Deliveries first = new Deliveries();
        Deliveries second = new Deliveries();
        Deliveries outsider = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral("jobs.#").withGroup("workers"), first);
        broker.subscribe(SubscribeOptions.ephemeral("jobs.#").withGroup("workers"), second);
        broker.subscribe(SubscribeOptions.ephemeral("jobs.#"), outsider);

        for (int i = 0; i < 100; i++) {
            broker.publish(event("jobs.run", i)).join();
        }

        assertThat(outsider.next(100)).hasSize(100);
        List<Delivery> toFirst = first.quietFor(Duration.ofMillis(200));
        List<Delivery> toSecond = second.quietFor(Duration.ofMillis(0));
        assertThat(toFirst).isNotEmpty();
        assertThat(toSecond).isNotEmpty();
        assertThat(concat(toFirst, toSecond)).extracting(Messages::n).containsExactlyInAnyOrderElementsOf(range(0, 100, 1));
    }

    @Test
    void anObserverCannotJoinAQueueGroupAndTheErrorSaysWhy() {
        SubscribeOptions watcher = SubscribeOptions.ephemeral("jobs.#").withGroup("workers").withObserver(true);

        assertThatThrownBy(() -> broker.subscribe(watcher, new Deliveries()))
                .isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("observer cannot join queue group 'workers'");
    }

    @Test
    void slowSubscriberOverflowIsCountedAndAnnounced() throws InterruptedException {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Subscription slow = broker.subscribe(SubscribeOptions.ephemeral("load").withMaxInflight(10), delivery -> {
            inHandler.countDown();
            release.await();
        });
        Deliveries advisories = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral(Advisories.SLOW_CONSUMER), advisories);

        broker.publish(event("load", 0)).join();
        inHandler.await();
        for (int i = 1; i < 100; i++) {
            broker.publish(event("load", i)).join();
        }

        Delivery advisory = advisories.next();
        release.countDown();
        // One message is in the handler, ten wait in the buffer: the other 89 were dropped.
        assertThat(slow.dropped()).isEqualTo(89);
        assertThat(advisory.message().payload().get("subscription").asText()).isEqualTo(slow.id());
        assertThat(advisory.message().payload().get("dropped").asLong()).isPositive();
    }

    @Test
    void wildcardFiltersDoNotSeeSystemTopicsButSystemFiltersDo() {
        Deliveries everything = new Deliveries();
        Deliveries system = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral("#"), everything);
        broker.subscribe(SubscribeOptions.ephemeral("_kmb.#"), system);

        broker.publish(event("_kmb.test", 1)).join();
        broker.publish(event("user.topic", 2)).join();

        assertThat(everything.next().message().topic()).isEqualTo("user.topic");
        assertThat(system.next().message().topic()).isEqualTo("_kmb.test");
        assertThat(everything.quietFor(Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void commandWithNobodySubscribedFailsAtOnceWithNoResponders() {
        Envelope command = Envelope.of("agent.do", MessageType.COMMAND, Json.object(), Metadata.EMPTY);

        assertThatThrownBy(() -> broker.publish(command).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(KmbException.class)
                .satisfies(e -> assertThat(((KmbException) e).code()).isEqualTo(ErrorCode.NO_RESPONDERS));
    }

    @Test
    void aHandlerThatThrowsDoesNotStopItsSubscription() {
        Deliveries after = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral("t"), delivery -> {
            if (n(delivery) == 1) {
                throw new IllegalStateException("boom");
            }
            after.onMessage(delivery);
        });

        broker.publish(event("t", 1)).join();
        broker.publish(event("t", 2)).join();

        assertThat(n(after.next())).isEqualTo(2);
    }

    @Test
    void publishAfterCloseFailsWithUnavailable() {
        broker.close();

        assertThatThrownBy(() -> broker.publish(event("t", 1)).join())
                .cause().isInstanceOf(KmbException.class)
                .satisfies(e -> assertThat(((KmbException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    static List<Integer> range(int from, int to, int step) {
        return java.util.stream.IntStream.iterate(from, i -> i < to, i -> i + step).boxed().toList();
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
