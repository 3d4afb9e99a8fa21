package ai.kind.kmb.broker.store;

import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.dlq.DeathRecord;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.consumer;
import static ai.kind.kmb.broker.store.StoreFixtures.letter;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.TopicFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Durable consumers' positions and the dead-letter queue. */
public abstract class ConsumerAndDeadLetterConformance extends HistoryQueryConformance {

    @Test
    void savesLoadsAndReplacesAConsumerWithItsPendingDeliveries() {
        ConsumerState orders = consumer("orders", List.of(
                new PendingDelivery(12, "m-12", 2, T0.plusNanos(1_000), "handler failed"),
                new PendingDelivery(14, "m-14", 1, T0.plusSeconds(1), null)));
        store.saveConsumer(orders).join();

        assertThat(store.loadConsumer("orders")).hasValue(orders);

        ConsumerState moved = new ConsumerState("orders", "agent.#", "workers", 14, 20,
                List.of(new PendingDelivery(17, "m-17", 1, T0.plusSeconds(2), null)));
        store.saveConsumer(moved).join();

        assertThat(store.loadConsumer("orders")).hasValue(moved);
        assertThat(store.loadConsumer("nobody")).isEmpty();
    }

    @Test
    void listsAndDeletesConsumers() {
        ConsumerState orders = consumer("orders", List.of(new PendingDelivery(3, "m-3", 1, T0, null)));
        ConsumerState audit = new ConsumerState("audit", "#", null, 0, 0, List.of());
        store.saveConsumer(orders).join();
        store.saveConsumer(audit).join();

        assertThat(store.consumers()).containsExactly(audit, orders);
        assertThat(store.deleteConsumer("orders")).isTrue();
        assertThat(store.deleteConsumer("orders")).isFalse();
        assertThat(store.loadConsumer("orders")).isEmpty();
        assertThat(store.consumers()).containsExactly(audit);

        store.saveConsumer(consumer("orders", List.of())).join();
        assertThat(store.loadConsumer("orders").orElseThrow().pending()).as("no pending left from before").isEmpty();
    }

    @Test
    void addsAndReadsADeadLetter() {
        DeadLetter letter = letter("dl-1", StoreFixtures.richMessage(), DeathReason.MAX_DELIVERIES, "orders",
                T0, "timed out");

        assertThat(store.addDeadLetter(letter).join()).isEqualTo(letter);
        assertThat(store.deadLetter("dl-1")).hasValue(letter);
        assertThat(store.deadLetter("dl-unknown")).isEmpty();
    }

    @Test
    void aSecondDeathOfTheSameMessageForTheSameSubscriberUpdatesTheLetter() {
        Envelope poison = message("orders.created", "m-poison", null);
        store.addDeadLetter(letter("dl-1", poison, DeathReason.MAX_DELIVERIES, "orders", T0, "timed out")).join();

        DeadLetter again = store.addDeadLetter(letter("dl-2", poison, DeathReason.REJECTED, "orders",
                T0.plusSeconds(60), "rejected by handler")).join();

        DeathRecord death = again.death();
        assertThat(again.id()).isEqualTo("dl-1");
        assertThat(death.deaths()).isEqualTo(2);
        assertThat(death.firstDeath()).isEqualTo(T0);
        assertThat(death.lastDeath()).isEqualTo(T0.plusSeconds(60));
        assertThat(death.reason()).isEqualTo(DeathReason.REJECTED);
        assertThat(death.lastError()).isEqualTo("rejected by handler");
        assertThat(store.deadLetter("dl-1")).hasValue(again);
        assertThat(store.deadLetter("dl-2")).isEmpty();
        assertThat(store.deadLetters(DeadLetterQuery.all(10))).containsExactly(again);

        DeadLetter otherSubscriber = store.addDeadLetter(letter("dl-3", poison, DeathReason.REJECTED, "audit",
                T0.plusSeconds(61), "no")).join();
        assertThat(otherSubscriber.death().deaths()).isEqualTo(1);
        assertThat(store.deadLetters(DeadLetterQuery.all(10))).containsExactly(otherSubscriber, again);
    }

    @Test
    void givesALetterWithoutAnIdANewOne() {
        DeadLetter stored = store.addDeadLetter(letter(null, message("a.b"), DeathReason.EXPIRED, "s", T0, null))
                .join();

        assertThat(stored.id()).isNotBlank();
        assertThat(store.deadLetter(stored.id())).hasValue(stored);
    }

    @Test
    void listsDeadLettersNewestFirstByReasonAndTopic() {
        DeadLetter a = add("dl-a", "orders.created", DeathReason.REJECTED, 1);
        DeadLetter b = add("dl-b", "orders.cancelled", DeathReason.MAX_DELIVERIES, 2);
        DeadLetter c = add("dl-c", "billing.charged", DeathReason.REJECTED, 3);
        DeadLetter d = add("dl-d", "orders.created.eu", DeathReason.SCHEMA_INVALID, 4);

        assertThat(store.deadLetters(DeadLetterQuery.all(10))).containsExactly(d, c, b, a);
        assertThat(store.deadLetters(DeadLetterQuery.all(2))).containsExactly(d, c);
        assertThat(store.deadLetters(DeadLetterQuery.all(0))).as("no limit").containsExactly(d, c, b, a);
        assertThat(store.deadLetters(new DeadLetterQuery(DeathReason.REJECTED, null, 10))).containsExactly(c, a);
        assertThat(store.deadLetters(new DeadLetterQuery(null, TopicFilter.parse("orders.*"), 10)))
                .containsExactly(b, a);
        assertThat(store.deadLetters(new DeadLetterQuery(null, TopicFilter.parse("orders.#"), 10)))
                .containsExactly(d, b, a);
        assertThat(store.deadLetters(new DeadLetterQuery(DeathReason.REJECTED, TopicFilter.parse("orders.#"), 10)))
                .containsExactly(a);
    }

    @Test
    void removesAndPurgesDeadLetters() {
        add("dl-a", "orders.created", DeathReason.REJECTED, 1);
        DeadLetter b = add("dl-b", "orders.cancelled", DeathReason.MAX_DELIVERIES, 2);
        add("dl-c", "billing.charged", DeathReason.REJECTED, 3);
        DeadLetter d = add("dl-d", "billing.refunded", DeathReason.EXPIRED, 4);

        assertThat(store.removeDeadLetter("dl-a")).isTrue();
        assertThat(store.removeDeadLetter("dl-a")).isFalse();
        assertThat(store.purgeDeadLetters(new DeadLetterQuery(DeathReason.REJECTED, null, 1))).isEqualTo(1);
        assertThat(store.deadLetters(DeadLetterQuery.all(10))).containsExactly(d, b);
        assertThat(store.purgeDeadLetters(new DeadLetterQuery(null, TopicFilter.parse("billing.#"), 0))).isEqualTo(1);
        assertThat(store.purgeDeadLetters(DeadLetterQuery.all(0))).isEqualTo(1);
        assertThat(store.deadLetters(DeadLetterQuery.all(10))).isEmpty();
    }

    private DeadLetter add(String id, String topic, DeathReason reason, int secondsAfterT0) {
        return store.addDeadLetter(letter(id, message(topic), reason, "sub-" + id, T0.plusSeconds(secondsAfterT0),
                "error " + id)).join();
    }
}
