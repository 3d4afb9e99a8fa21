package ai.kind.kmb.broker.store;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ai.kind.kmb.history.StoredMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a store nodes share promises about durable groups ({@link SharedConsumers}), whatever the
 * server: "nodes" here are members joined under different names on one store.
 */
@Timeout(60)
public abstract class ConsumerClaimsContract {
    private static final Duration LEASE = Duration.ofMillis(200);
    private static final String DURABLE = "workers";

    protected MessageStore store;

    /** A new, empty store that is also {@link SharedConsumers}; the contract closes it. */
    protected abstract MessageStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ConsumerClaims node(String name) {
        return ((SharedConsumers) store).join(DURABLE, name, 0);
    }

    private List<StoredMessage> append(int count) {
        List<StoredMessage> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stored.add(store.append(message("jobs.run"), T0).join());
        }
        return stored;
    }

    private static List<Long> offsets(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::offset).toList();
    }

    private static List<Long> abandonedOffsets(List<ConsumerClaims.Abandoned> abandoned) {
        return abandoned.stream().map(taken -> taken.message().offset()).toList();
    }

    private static void outlive(Duration lease) throws InterruptedException {
        Thread.sleep(lease.multipliedBy(2).toMillis());
    }

    @Test
    void eachNewMessageGoesToOneNode() {
        ConsumerClaims a = node("node-a");
        ConsumerClaims b = node("node-b");
        List<StoredMessage> stored = append(10);

        List<StoredMessage> first = a.claimNew(4);
        List<StoredMessage> second = b.claimNew(100);

        assertThat(first).containsExactlyElementsOf(stored.subList(0, 4));
        assertThat(second).containsExactlyElementsOf(stored.subList(4, 10));
        assertThat(a.claimNew(100)).isEmpty();
    }

    @Test
    void aNewGroupStartsAfterItsStartAndAnExistingOneKeepsItsPosition() {
        List<StoredMessage> stored = append(3);
        ConsumerClaims a = ((SharedConsumers) store).join(DURABLE, "node-a", stored.get(1).offset());

        assertThat(a.claimNew(10)).containsExactly(stored.get(2));
        ConsumerClaims b = ((SharedConsumers) store).join(DURABLE, "node-b", 0);
        assertThat(b.claimNew(10)).as("the group's position, not the late joiner's start").isEmpty();
    }

    @Test
    void aClaimNotRenewedWithinTheLeaseIsTakenOverWithItsClaimsCounted() throws Exception {
        ConsumerClaims a = node("node-a");
        ConsumerClaims b = node("node-b");
        List<StoredMessage> stored = append(3);
        a.claimNew(10);
        a.settle(List.of(stored.getFirst().offset()));

        assertThat(b.claimAbandoned(Duration.ofMinutes(1), 10)).as("the lease has not run out").isEmpty();
        outlive(LEASE);
        List<ConsumerClaims.Abandoned> taken = b.claimAbandoned(LEASE, 10);

        assertThat(abandonedOffsets(taken)).containsExactlyElementsOf(offsets(stored.subList(1, 3)));
        assertThat(taken.getFirst().message()).isEqualTo(stored.get(1));
        assertThat(taken).allSatisfy(abandoned -> assertThat(abandoned.earlierClaims()).isEqualTo(1));
        assertThat(b.claimAbandoned(LEASE, 10)).as("b's claims are fresh").isEmpty();
    }

    @Test
    void renewingKeepsAClaim() throws Exception {
        ConsumerClaims a = node("node-a");
        ConsumerClaims b = node("node-b");
        List<StoredMessage> stored = append(2);
        a.claimNew(10);
        outlive(LEASE);

        a.renew(offsets(stored));

        assertThat(b.claimAbandoned(LEASE, 10)).isEmpty();
    }

    @Test
    void releasedClaimsAreTakenAtOnce() {
        ConsumerClaims a = node("node-a");
        ConsumerClaims b = node("node-b");
        List<StoredMessage> stored = append(2);
        a.claimNew(10);

        a.release(offsets(stored));

        assertThat(abandonedOffsets(b.claimAbandoned(Duration.ofMinutes(10), 10))).containsExactlyElementsOf(
                offsets(stored));
    }

    @Test
    void aNodeCannotReleaseOrRenewWhatAnotherNodeTookOver() throws Exception {
        ConsumerClaims a = node("node-a");
        ConsumerClaims b = node("node-b");
        ConsumerClaims c = node("node-c");
        List<StoredMessage> stored = append(1);
        a.claimNew(10);
        outlive(LEASE);
        assertThat(b.claimAbandoned(LEASE, 10)).hasSize(1);

        a.release(offsets(stored));
        a.renew(offsets(stored));

        assertThat(c.claimAbandoned(Duration.ofMinutes(10), 10)).as("still b's, with a fresh lease").isEmpty();
    }

    @Test
    void settledMessagesAreNeverClaimedAgain() throws Exception {
        ConsumerClaims a = node("node-a");
        ConsumerClaims b = node("node-b");
        List<StoredMessage> stored = append(2);
        a.claimNew(10);

        a.settle(offsets(stored));
        outlive(LEASE);

        assertThat(b.claimAbandoned(LEASE, 10)).isEmpty();
        assertThat(b.claimNew(10)).isEmpty();
    }

    @Test
    void manyNodesClaimingAtOnceShareEveryMessageExactlyOnce() throws Exception {
        List<StoredMessage> stored = append(300);
        List<ConsumerClaims> nodes = List.of(node("n1"), node("n2"), node("n3"));
        List<List<Long>> claimed = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (ConsumerClaims node : nodes) {
            List<Long> mine = new ArrayList<>();
            claimed.add(mine);
            threads.add(Thread.ofVirtual().start(() -> {
                for (List<StoredMessage> batch = node.claimNew(7); !batch.isEmpty(); batch = node.claimNew(7)) {
                    mine.addAll(offsets(batch));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        Set<Long> all = new HashSet<>();
        claimed.forEach(all::addAll);
        assertThat(claimed.stream().mapToInt(List::size).sum()).as("no message claimed twice").isEqualTo(300);
        assertThat(all).containsExactlyInAnyOrderElementsOf(offsets(stored));
    }

    @Test
    void deletingTheConsumerDeletesItsGroupAndClaims() throws Exception {
        ConsumerClaims a = node("node-a");
        List<StoredMessage> stored = append(2);
        a.claimNew(10);
        store.saveConsumer(StoreFixtures.consumer(DURABLE, List.of())).join();

        assertThat(store.deleteConsumer(DURABLE)).isTrue();

        ConsumerClaims again = ((SharedConsumers) store).join(DURABLE, "node-b", stored.getLast().offset());
        outlive(LEASE);
        assertThat(again.claimAbandoned(LEASE, 10)).as("the old claims went with the group").isEmpty();
        assertThat(again.claimNew(10)).as("the new group starts where it was told").isEmpty();
        assertThat(store.deleteConsumer(DURABLE)).isTrue();
        assertThat(store.deleteConsumer(DURABLE)).isFalse();
    }

    @Test
    void theStatusHasTheGroupsPositionAndItsUnsettledClaimsByNode() {
        SharedConsumers groups = (SharedConsumers) store;
        assertThat(groups.status(DURABLE)).as("no group yet").isEmpty();
        ConsumerClaims a = node("node-a");
        ConsumerClaims b = node("node-b");
        List<StoredMessage> stored = append(6);
        a.claimNew(3);
        b.claimNew(10);

        a.settle(List.of(stored.getFirst().offset()));
        b.release(List.of(stored.getLast().offset()));
        GroupStatus status = groups.status(DURABLE).orElseThrow();

        assertThat(status.position()).isEqualTo(stored.getLast().offset());
        assertThat(status.claimedByNode()).as("a released claim stays its node's until taken over")
                .containsExactly(entry("node-a", 2L), entry("node-b", 3L));
        assertThat(status.claimed()).isEqualTo(5);
        store.deleteConsumer(DURABLE);
        assertThat(groups.status(DURABLE)).as("deleted with the consumer").isEmpty();
    }
}
