package ai.kind.kmb.tx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.request.BusSetup;
import ai.kind.kmb.request.BusSetup.Mode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Participants asked to vote before a commit: all yes commits; a no, silence or absence rolls back. */
class VoteTest {

    /** A participant that votes as told and writes down what it heard. */
    private record Ledger(Vote vote, List<String> heard) implements TransactionParticipant {
        Ledger(Vote vote) {
            this(vote, new CopyOnWriteArrayList<>());
        }

        @Override
        public Vote prepare(Envelope prepare) {
            heard.add("prepare " + prepare.payload().path("messages").asInt() + " " + prepare.payload().path("topics"));
            return vote;
        }

        @Override
        public void committed(String transactionId) {
            heard.add("committed");
        }

        @Override
        public void rolledBack(String transactionId, String reason) {
            heard.add("rolled back: " + reason);
        }

        void awaitHeard(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (heard.size() < count) {
                assertThat(System.nanoTime()).as("the participant hears %d things", count).isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }

    private static TransactionOutcome commitOneOrder(KmbClient publisher, Duration voteTimeout, String... participants)
            throws Exception {
        Transaction tx = publisher.transaction().voteTimeout(voteTimeout);
        for (String participant : participants) {
            tx.participant(participant);
        }
        tx.publish(Envelope.of("orders.one", MessageType.EVENT, TextNode.valueOf("one"), null)).get(5, TimeUnit.SECONDS);
        return tx.commit().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void whenEveryParticipantVotesYesTheTransactionCommitsAndAllAreTold(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            Seen seen = new Seen(setup.client());
            Ledger billing = new Ledger(Vote.yes());
            Ledger stock = new Ledger(Vote.yes());
            setup.client().onTransaction("billing.tx", billing);
            setup.client().onTransaction("stock.tx", stock);

            TransactionOutcome outcome = commitOneOrder(setup.client(), Duration.ofSeconds(5), "billing.tx", "stock.tx");
            billing.awaitHeard(2);
            stock.awaitHeard(2);
            seen.awaitCount(1);

            assertThat(outcome.committed()).isTrue();
            assertThat(billing.heard()).containsExactly("prepare 1 [\"orders.one\"]", "committed");
            assertThat(stock.heard()).containsExactly("prepare 1 [\"orders.one\"]", "committed");
            assertThat(seen.payloads()).containsExactly("one");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void oneNoRollsEverythingBackAndEveryParticipantIsTold(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            KmbClient publisher = setup.client();
            Seen seen = new Seen(setup.client());
            Ledger billing = new Ledger(Vote.yes());
            Ledger stock = new Ledger(Vote.no("out of crates"));
            setup.client().onTransaction("billing.tx", billing);
            setup.client().onTransaction("stock.tx", stock);

            TransactionOutcome outcome = commitOneOrder(publisher, Duration.ofSeconds(5), "billing.tx", "stock.tx");
            billing.awaitHeard(2);

            assertThat(outcome.committed()).isFalse();
            assertThat(outcome.reason()).isEqualTo("participant 'stock.tx' voted no: out of crates");
            assertThat(billing.heard().get(1)).isEqualTo("rolled back: participant 'stock.tx' voted no: out of crates");
            stock.awaitHeard(2);
            assertThat(seen.afterMarker(publisher)).isEmpty();
            assertThat(setup.broker.openTransactions()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSilentParticipantOrAMissingOneRollsBack(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            KmbClient publisher = setup.client();
            Seen seen = new Seen(setup.client());
            setup.client().subscribe("audit.tx", delivery -> { });

            TransactionOutcome silent = commitOneOrder(publisher, Duration.ofMillis(300), "audit.tx");
            TransactionOutcome missing = commitOneOrder(publisher, Duration.ofMinutes(5), "nobody.tx");

            assertThat(silent.committed()).isFalse();
            assertThat(silent.reason()).isEqualTo("participant 'audit.tx' did not vote within 300 ms");
            assertThat(missing.committed()).isFalse();
            assertThat(missing.reason()).isEqualTo("no participant subscribes to 'nobody.tx'");
            assertThat(seen.afterMarker(publisher)).isEmpty();
        }
    }
}
