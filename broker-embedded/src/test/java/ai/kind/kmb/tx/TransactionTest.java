package ai.kind.kmb.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.request.BusSetup;
import ai.kind.kmb.request.BusSetup.Mode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Transactions through the SDK, in process and over the network: commit, abort, time-out. */
class TransactionTest {

    private static Envelope order(String topic, String text) {
        return Envelope.of(topic, MessageType.EVENT, TextNode.valueOf(text), null);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nothingIsSeenBeforeTheCommitAndEverythingInOrderAfter(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            Seen seen = new Seen(setup.client());
            KmbClient publisher = setup.client();
            Transaction tx = publisher.transaction(TransactionOptions.DEFAULT.withDurable(true));

            for (String item : new String[] {"one", "two", "three"}) {
                PublishAck staged = tx.publish(order("orders." + item, item)).get(5, TimeUnit.SECONDS);
                assertThat(staged.offset()).isEqualTo(PublishAck.NOT_STORED);
            }
            assertThat(seen.afterMarker(publisher)).isEmpty();
            TransactionOutcome outcome = tx.commit().get(5, TimeUnit.SECONDS);
            seen.awaitCount(4);

            assertThat(outcome.committed()).isTrue();
            assertThat(outcome.acks()).extracting(PublishAck::offset).isSorted().doesNotContain(PublishAck.NOT_STORED);
            assertThat(seen.payloads()).containsExactly("marker", "one", "two", "three");
            assertThat(setup.broker.openTransactions()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anAbortedTransactionIsNeverSeen(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            Seen seen = new Seen(setup.client());
            KmbClient publisher = setup.client();
            Transaction tx = publisher.transaction();
            tx.publish(order("orders.one", "one")).get(5, TimeUnit.SECONDS);

            tx.abort().get(5, TimeUnit.SECONDS);

            assertThat(seen.afterMarker(publisher)).isEmpty();
            assertThat(setup.broker.openTransactions()).isZero();
            assertThatThrownBy(() -> tx.publish(order("orders.two", "two"))).isInstanceOf(KmbException.class)
                    .hasMessageContaining("already committed or aborted");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTransactionPastItsTimeOutIsRolledBackAndCannotCommit(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            Seen seen = new Seen(setup.client());
            KmbClient publisher = setup.client();
            Transaction tx = publisher.transaction(TransactionOptions.DEFAULT.withTimeout(Duration.ofMillis(1500)));
            tx.publish(order("orders.one", "one")).get(5, TimeUnit.SECONDS);
            awaitNoOpenTransactions(setup);

            assertThatThrownBy(() -> tx.commit().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(KmbException.class).hasMessageContaining("no open transaction")
                    .satisfies(error -> assertThat(((KmbException) error).code()).isEqualTo(ErrorCode.NOT_FOUND));
            assertThat(seen.afterMarker(publisher)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCommandInATransactionThatNobodyHandlesFailsTheWholeCommit(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            Seen seen = new Seen(setup.client());
            KmbClient publisher = setup.client();
            Transaction tx = publisher.transaction();
            tx.publish(order("orders.one", "one")).get(5, TimeUnit.SECONDS);
            tx.publish(Envelope.of("billing.charge", MessageType.COMMAND, TextNode.valueOf("9"), null))
                    .get(5, TimeUnit.SECONDS);

            assertThatThrownBy(() -> tx.commit().get(5, TimeUnit.SECONDS)).cause().isInstanceOf(KmbException.class)
                    .satisfies(error -> assertThat(((KmbException) error).code()).isEqualTo(ErrorCode.NO_RESPONDERS));
            assertThat(seen.afterMarker(publisher)).isEmpty();
        }
    }

    static void awaitNoOpenTransactions(BusSetup setup) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (setup.broker.openTransactions() > 0) {
            assertThat(System.nanoTime()).as("the transaction is rolled back").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
