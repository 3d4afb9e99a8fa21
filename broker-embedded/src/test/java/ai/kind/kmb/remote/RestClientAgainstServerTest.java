package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterPage;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.dlq.DeathRecord;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.topics.TopicSnapshot;
import java.time.Instant;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every REST route through RestClient against a real KmbServer. */
class RestClientAgainstServerTest {
    private final LiveServer server = new LiveServer();
    private final RestClient rest = RestClient.of(server.options());

    @AfterEach
    void close() {
        rest.close();
        server.close();
    }

    private PublishAck publish(String topic, int n) {
        return rest.publish(Envelope.event(topic, IntNode.valueOf(n)), PublishOptions.DURABLE);
    }

    @Test
    void publishStoresTheMessageAndAnswersItsOffset() {
        PublishAck ack = publish("orders.created", 1);

        assertThat(ack.id()).isNotBlank();
        assertThat(ack.offset()).isEqualTo(server.broker.store().lastOffset()).isPositive();
        assertThat(rest.publish(Envelope.event("t", IntNode.valueOf(1)), PublishOptions.EPHEMERAL).offset())
                .isEqualTo(PublishAck.NOT_STORED);
    }

    @Test
    void historyIsReadPageByPageWithTheFilter() {
        for (int i = 0; i < 5; i++) {
            publish(i % 2 == 0 ? "a.even" : "a.odd", i);
        }

        HistoryPage first = rest.history(HistoryRequest.ALL.withFilter("a.even").withLimit(2));
        HistoryPage second = rest.history(HistoryRequest.ALL.withFilter("a.even").withLimit(2).withAfter(first.nextAfter()));

        assertThat(first.messages()).extracting(e -> e.envelope().payload().asInt()).containsExactly(0, 2);
        assertThat(first.hasMore()).isTrue();
        assertThat(second.messages()).extracting(e -> e.envelope().payload().asInt()).containsExactly(4);
        assertThat(second.hasMore()).isFalse();
        assertThat(second.messages().getFirst().receivedAt()).isNotNull();
    }

    @Test
    void topicsListCountsPerTopic() {
        publish("a.b", 1);
        publish("a.b", 2);
        publish("c", 3);

        TopicListing listing = rest.topics();

        assertThat(listing.topics()).extracting(TopicSnapshot::topic, TopicSnapshot::count)
                .contains(org.assertj.core.groups.Tuple.tuple("a.b", 2L), org.assertj.core.groups.Tuple.tuple("c", 1L));
        assertThat(listing.published()).isEqualTo(3);
        assertThat(listing.untracked()).isZero();
    }

    @Test
    void aTraceListsItsMessagesAndAnUnknownOneIsNotFound() {
        Metadata traced = Metadata.EMPTY.withTrace("trace-1", "span-1", null);
        rest.publish(Envelope.of("step.one", MessageType.EVENT, IntNode.valueOf(1), traced), PublishOptions.DURABLE);
        rest.publish(Envelope.of("step.two", MessageType.EVENT, IntNode.valueOf(2), traced), PublishOptions.DURABLE);
        publish("other", 3);

        List<StoredMessage> trace = rest.trace("trace-1");

        assertThat(trace).extracting(e -> e.envelope().topic()).containsExactly("step.one", "step.two");
        assertThatThrownBy(() -> rest.trace("nope")).isInstanceOfSatisfying(KmbException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aDeadLetterIsListedInspectedRequeuedAndDeleted() throws Exception {
        try (RemoteBus bus = server.connect()) {
            Received received = new Received();
            bus.subscribe(SubscribeOptions.durable("w", "jobs.#").withAckMode(AckMode.MANUAL), received);
            publish("jobs.a", 1);
            publish("jobs.b", 2);
            received.next().nack(false);
            received.next().nack(false);
            waitForDeadLetters(2);

            List<DeadLetter> letters = rest.deadLetters(new DeadLetterQuery(DeathReason.REJECTED,
                    TopicFilter.parse("jobs.#"), 10), 0).letters();
            assertThat(letters).hasSize(2)
                    .allSatisfy(letter -> assertThat(letter.death().reason()).isEqualTo(DeathReason.REJECTED));
            DeadLetter one = rest.deadLetter(letters.getFirst().id());
            assertThat(one.death().subscriber()).isEqualTo("w");
            assertThat(one.death().originalTopic()).isIn("jobs.a", "jobs.b");

            PublishAck requeued = rest.requeue(one.id(), null);
            assertThat(requeued.id()).isEqualTo(one.message().id());
            assertThat(received.next().message().id()).isEqualTo(one.message().id());
            rest.deleteDeadLetter(letters.getLast().id());
            assertThat(rest.deadLetters(DeadLetterQuery.all(0), 0).letters()).isEmpty();
            assertThatThrownBy(() -> rest.deadLetter(one.id())).isInstanceOfSatisfying(KmbException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void deadLettersArePagedResentEditedAndPurgedByQuery() {
        for (int i = 0; i < 5; i++) {
            addLetter("orders." + i, i < 3 ? DeathReason.REJECTED : DeathReason.EXPIRED, i);
        }

        DeadLetterPage first = rest.deadLetters(new DeadLetterQuery(null, null, 2), 0);
        DeadLetterPage second = rest.deadLetters(new DeadLetterQuery(null, null, 2), first.nextOffset());
        DeadLetterPage last = rest.deadLetters(new DeadLetterQuery(null, null, 2), second.nextOffset());
        assertThat(first.letters()).extracting(l -> l.death().originalTopic()).containsExactly("orders.4", "orders.3");
        assertThat(second.letters()).extracting(l -> l.death().originalTopic()).containsExactly("orders.2", "orders.1");
        assertThat(last.letters()).extracting(l -> l.death().originalTopic()).containsExactly("orders.0");
        assertThat(last.hasMore()).isFalse();

        DeadLetter fixed = last.letters().getFirst();
        PublishAck ack = rest.resend(fixed.id(), fixed.message().withTopic("orders.fixed")
                .withPayload(IntNode.valueOf(99)));
        assertThat(ack.id()).isEqualTo(fixed.message().id());
        assertThat(server.broker.store().query(ai.kind.kmb.history.HistoryQuery.all(10))).singleElement()
                .satisfies(m -> assertThat(m.envelope().topic()).isEqualTo("orders.fixed"));

        assertThat(rest.purgeDeadLetters(new DeadLetterQuery(DeathReason.EXPIRED, null, 0))).isEqualTo(2);
        assertThat(rest.deadLetters(DeadLetterQuery.all(0), 0).letters()).hasSize(2);
        assertThat(rest.purgeDeadLetters(DeadLetterQuery.all(0))).isEqualTo(2);
        assertThat(rest.deadLetters(DeadLetterQuery.all(0), 0).letters()).isEmpty();
    }

    private void addLetter(String topic, DeathReason reason, int second) {
        Instant died = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second);
        server.broker.store().addDeadLetter(new DeadLetter(null, Envelope.event(topic, IntNode.valueOf(second))
                .withId("m" + second), new DeathRecord(reason, topic, "w", 1, died, died, 1, null))).join();
    }

    private void waitForDeadLetters(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rest.deadLetters(DeadLetterQuery.all(0), 0).letters().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void healthIsOk() {
        assertThat(rest.health()).isEqualTo("ok");
    }

    @Test
    void aBadRequestComesBackWithTheFieldItConcerns() {
        assertThatThrownBy(() -> rest.history(HistoryRequest.ALL.withLimit(0)))
                .isInstanceOfSatisfying(KmbException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.details()).extracting(d -> d.field()).containsExactly("limit");
                });
    }
}
