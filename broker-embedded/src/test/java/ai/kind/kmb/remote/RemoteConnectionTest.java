package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterPage;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.dlq.DeathRecord;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RemoteConnection against a real server: a broker on an in-memory store behind KmbServer. */
class RemoteConnectionTest {
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final KmbServer server = KmbServer.start(broker, ServerOptions.loopback(0), "kmbd-test");
    private final RemoteConnection connection = RemoteConnection.open(
            RemoteBusOptions.defaults(URI.create(server.url())).withClientId("remote-connection-test"));

    @AfterEach
    void stop() {
        connection.close();
        server.close();
        broker.close();
    }

    @Test
    void publishedMessagesAreDeliveredAndShowInHistoryTopicsAndLastOffset() throws Exception {
        LinkedBlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        connection.subscribe(SubscribeOptions.ephemeral("orders.#"), received::add);

        PublishAck first = connection.publish(event("orders.created", 1), PublishOptions.DURABLE).join();
        connection.publish(event("orders.paid", 2), PublishOptions.DURABLE).join();

        assertThat(received.poll(10, TimeUnit.SECONDS).message().topic()).isEqualTo("orders.created");
        assertThat(connection.query(HistoryQuery.all(10))).extracting(StoredMessage::offset)
                .containsExactly(first.offset(), first.offset() + 1);
        assertThat(connection.topics()).extracting(topic -> topic.topic() + "=" + topic.count())
                .containsExactlyInAnyOrder("orders.created=1", "orders.paid=1");
        assertThat(connection.lastOffset()).isEqualTo(first.offset() + 1);
    }

    @Test
    void historyQueryCarriesFilterTraceTimeRangeAndPaging() {
        Instant before = Instant.now().minusSeconds(1);
        connection.publish(event("a.one", 1), PublishOptions.DURABLE).join();
        connection.publish(event("b.two", 2).withMetadata(Metadata.EMPTY.withTrace("t-9", null, null)),
                PublishOptions.DURABLE).join();
        long third = connection.publish(event("a.three", 3), PublishOptions.DURABLE).join().offset();

        assertThat(connection.query(new HistoryQuery(TopicFilter.parse("a.*"), null, null, null, 0, 10)))
                .extracting(message -> message.envelope().topic()).containsExactly("a.one", "a.three");
        assertThat(connection.query(new HistoryQuery(null, null, null, "t-9", 0, 10)))
                .extracting(message -> message.envelope().topic()).containsExactly("b.two");
        assertThat(connection.query(new HistoryQuery(null, before, Instant.now().plusSeconds(1), null, third - 1, 10)))
                .extracting(StoredMessage::offset).containsExactly(third);
        assertThat(connection.query(new HistoryQuery(null, Instant.now().plusSeconds(60), null, null, 0, 10))).isEmpty();
    }

    @Test
    void lastOffsetIsZeroOnAnEmptyLogAndTheHistorySearchAgreesWithTheMetric() {
        assertThat(connection.lastOffset()).isZero();
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        // More than the search's first stride (1024), so that it gallops and then halves.
        for (int i = 0; i < 1100; i++) {
            acks.add(connection.publish(event("bulk", i), PublishOptions.DURABLE));
        }
        acks.forEach(CompletableFuture::join);
        long last = connection.publish(event("bulk", -1), PublishOptions.DURABLE).join().offset();

        URI base = connection.options().httpBase();
        try (HttpClient http = HttpClient.newHttpClient();
             RestClient rest = new RestClient(base, null, Duration.ofSeconds(5), http)) {
            LogEnd end = new LogEnd(base, null, Duration.ofSeconds(5), http, rest);
            assertThat(end.fromMetrics()).hasValue(last);
            assertThat(end.search()).isEqualTo(last);
        }
    }

    @Test
    void deadLettersAreListedShownRequeuedDeletedAndPurged() {
        String rejected = addDeadLetter("jobs.a", DeathReason.REJECTED);
        String expired = addDeadLetter("jobs.b", DeathReason.EXPIRED);
        String other = addDeadLetter("mail.c", DeathReason.REJECTED);

        assertThat(connection.deadLetters().list(DeadLetterQuery.all(0))).extracting(DeadLetter::id)
                .containsExactlyInAnyOrder(rejected, expired, other);
        assertThat(connection.deadLetters().list(new DeadLetterQuery(DeathReason.REJECTED, TopicFilter.parse("jobs.#"), 0)))
                .extracting(DeadLetter::id).containsExactly(rejected);
        DeadLetter shown = connection.deadLetters().get(expired);
        assertThat(shown.death().reason()).isEqualTo(DeathReason.EXPIRED);
        assertThat(shown.death().originalTopic()).isEqualTo("jobs.b");
        assertThat(shown.message().payload().get("n").asInt()).isEqualTo(7);

        PublishAck requeued = connection.deadLetters().requeue(rejected, "jobs.retry").join();
        assertThat(broker.store().query(HistoryQuery.all(10))).singleElement()
                .satisfies(message -> assertThat(message.offset()).isEqualTo(requeued.offset()))
                .satisfies(message -> assertThat(message.envelope().topic()).isEqualTo("jobs.retry"));
        assertThat(connection.deadLetters().delete(expired)).isTrue();
        assertThat(connection.deadLetters().delete(expired)).isFalse();
        addDeadLetter("mail.d", DeathReason.OVERFLOW);
        assertThat(connection.deadLetters().purge(new DeadLetterQuery(null, TopicFilter.parse("mail.#"), 1))).isEqualTo(2);
        assertThat(connection.deadLetters().list(DeadLetterQuery.all(0))).isEmpty();
    }

    @Test
    void resendPublishesTheEditedMessageDurablyAndRemovesTheLetter() {
        String id = addDeadLetter("jobs.a", DeathReason.HANDLER_ERROR);
        Envelope edited = connection.deadLetters().get(id).message().withId(null)
                .withPayload(Json.object().put("n", 8));

        PublishAck ack = connection.deadLetters().resend(id, edited).join();

        assertThat(ack.offset()).isPositive();
        assertThat(broker.store().query(HistoryQuery.all(10))).singleElement()
                .satisfies(message -> assertThat(message.envelope().payload().get("n").asInt()).isEqualTo(8));
        assertThat(connection.deadLetters().list(DeadLetterQuery.all(0))).isEmpty();
    }

    @Test
    void resendOfAMessageKeepingItsIdGoesThroughInsideTheDedupWindowAsInProcess() {
        String id = addDeadLetter("jobs.a", DeathReason.REJECTED);
        Envelope again = connection.deadLetters().get(id).message();
        connection.publish(again, PublishOptions.DURABLE).join();

        PublishAck ack = connection.deadLetters().resend(id, again.withPayload(Json.object().put("n", 9))).join();

        assertThat(ack.duplicate()).isFalse();
        assertThat(broker.store().query(HistoryQuery.all(10))).extracting(m -> m.envelope().payload().get("n").asInt())
                .containsExactly(7, 9);
        assertThat(connection.deadLetters().list(DeadLetterQuery.all(0))).isEmpty();
    }

    @Test
    void pagesAndManyRequeuesGoThroughTheServer() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(addDeadLetter("jobs." + i, DeathReason.REJECTED));
        }
        DeadLetterPage page = connection.deadLetters().page(new DeadLetterQuery(null, null, 2), 0);
        assertThat(page.letters()).hasSize(2);
        assertThat(connection.deadLetters().page(new DeadLetterQuery(null, null, 2), page.nextOffset()).hasMore())
                .isFalse();

        List<PublishAck> acks = connection.deadLetters().requeueAll(ids, "jobs.again").join();

        assertThat(acks).hasSize(3);
        assertThat(broker.store().query(HistoryQuery.all(10))).extracting(m -> m.envelope().topic())
                .containsOnly("jobs.again").hasSize(3);
        assertThat(connection.deadLetters().list(DeadLetterQuery.all(0))).isEmpty();
    }

    @Test
    void unknownDeadLetterIsNotFoundAndResendingItPublishesNothing() {
        assertThatThrownBy(() -> connection.deadLetters().get("no-such"))
                .isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> connection.deadLetters().resend("no-such", event("x", 1)).join())
                .cause().isInstanceOfSatisfying(KmbException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(connection.lastOffset()).isZero();
    }

    @Test
    void statusSaysConnectedUntilClosedAndDescribeNamesTheUrl() {
        assertThat(connection.status().state()).isEqualTo(ConnectionStatus.State.CONNECTED);
        assertThat(connection.describe()).isEqualTo(server.url());

        connection.close();

        assertThat(connection.status().state()).isEqualTo(ConnectionStatus.State.DISCONNECTED);
    }

    @Test
    void openingAnUnreachableServerFailsAtOnceAsUnavailable() {
        RemoteBusOptions nowhere = RemoteBusOptions.defaults(URI.create("http://127.0.0.1:1"))
                .withConnectTimeout(Duration.ofSeconds(2));

        assertThatThrownBy(() -> RemoteConnection.open(nowhere))
                .isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void metricsGaugeIsReadFromPrometheusText() {
        assertThat(LogEnd.parse("# HELP kmb_store_last_offset x\nkmb_store_last_offset 42\nkmb_other 1\n")).hasValue(42);
        assertThat(LogEnd.parse("kmb_store_last_offset 1.5e3\n")).hasValue(1500);
        assertThat(LogEnd.parse("kmb_store_last_offset_total 3\n")).isEmpty();
    }

    private String addDeadLetter(String topic, DeathReason reason) {
        Envelope message = new Envelope(java.util.UUID.randomUUID().toString(), Instant.now(), topic,
                MessageType.EVENT, Json.object().put("n", 7), Metadata.EMPTY, null);
        Instant now = Instant.now();
        DeadLetter letter = new DeadLetter(null, message,
                new DeathRecord(reason, topic, "worker", 1, now, now, 1, "test death"));
        return broker.store().addDeadLetter(letter).join().id();
    }

    private static Envelope event(String topic, int n) {
        return Envelope.event(topic, Json.object().put("n", n));
    }
}
