package ai.kind.kmb.broker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.StartPosition;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.registry.TopicRegistry;
import ai.kind.kmb.broker.registry.UnknownTopics;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import ai.kind.kmb.broker.store.sqlite.SqliteStoreOptions;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry descriptor's {@code retention}, applied by the broker's retention pass on the embedded
 * SQLite store, as history, traces and durable consumers see it. The broker keeps a day
 * ({@code kmb.retention.max_age}); sensor readings are described with an hour, audit entries with
 * thirty days.
 */
class DescribedRetentionTest {
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final String SENSOR = "sensor.reading";
    private static final String AUDIT = "audit.entry";

    @TempDir
    Path registry;
    @TempDir
    Path data;

    private final ManualClock clock = new ManualClock(START);
    private Broker broker;

    @BeforeEach
    void start() throws IOException {
        describe(SENSOR, "1h");
        describe(AUDIT, "P30D");
        // The timer's own pass is an hour of real time away: the tests run the pass themselves.
        BrokerOptions options = BrokerOptions.defaults().withDurableByDefault(true)
                .withRetention(new RetentionPolicy(Duration.ofDays(1), 0), Duration.ofHours(1));
        broker = new Broker(SqliteStore.open(data, SqliteStoreOptions.defaults()), options, clock);
        broker.useRegistry(TopicRegistry.load(registry, UnknownTopics.ALLOW));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private void describe(String topic, String retention) throws IOException {
        Files.writeString(registry.resolve(topic + ".yaml"), "name: " + topic + "\nretention: " + retention
                + "\nversions:\n  v1:\n    schema: {type: object}\n");
    }

    private void publish(String topic, int n) {
        Envelope message = Envelope.event(topic, Json.object().put("n", n));
        broker.publish(message.withMetadata(message.metadata().withTrace("trace-1", null, null)),
                PublishOptions.DEFAULT).join();
    }

    private List<StoredMessage> history(HistoryQuery query) {
        return broker.store().query(query);
    }

    private static List<String> topicsAndNumbers(List<StoredMessage> messages) {
        return messages.stream().map(m -> m.envelope().topic() + " " + m.envelope().payload().get("n")).toList();
    }

    @Test
    void aDescribedRetentionRemovesThatTopicsOldMessagesFromHistoryAndTraces() {
        publish(SENSOR, 1);
        publish(AUDIT, 1);
        publish("orders.created", 1);
        clock.advance(Duration.ofHours(2));
        publish(SENSOR, 2);

        long removed = broker.enforceRetention();

        assertThat(removed).isEqualTo(1);
        assertThat(topicsAndNumbers(history(HistoryQuery.all(100))))
                .containsExactly("audit.entry 1", "orders.created 1", "sensor.reading 2");
        assertThat(topicsAndNumbers(history(new HistoryQuery(null, null, null, "trace-1", 0, 100))))
                .containsExactly("audit.entry 1", "orders.created 1", "sensor.reading 2");
    }

    @Test
    void theBrokersShorterRetentionStillWinsOverALongerDescribedOne() {
        publish(AUDIT, 1);
        publish(SENSOR, 1);
        clock.advance(Duration.ofDays(2));
        publish(AUDIT, 2);

        assertThat(broker.enforceRetention()).isEqualTo(2);
        assertThat(topicsAndNumbers(history(HistoryQuery.all(100)))).containsExactly("audit.entry 2");
    }

    @Test
    void theTimerRunsThePassEvenWhenTheBrokerItselfKeepsEverything() throws InterruptedException {
        BrokerOptions keepsEverything = BrokerOptions.defaults().withDurableByDefault(true)
                .withRetention(RetentionPolicy.UNLIMITED, Duration.ofMillis(20));
        try (Broker timed = new Broker(SqliteStore.open(data.resolve("timed"), SqliteStoreOptions.defaults()),
                keepsEverything, clock)) {
            timed.useRegistry(TopicRegistry.load(registry, UnknownTopics.ALLOW));
            timed.publish(Envelope.event(SENSOR, Json.object()), PublishOptions.DEFAULT).join();
            timed.publish(Envelope.event(AUDIT, Json.object()), PublishOptions.DEFAULT).join();
            clock.advance(Duration.ofHours(2));

            Instant deadline = Instant.now().plusSeconds(10);
            while (timed.store().stats().messages() > 1 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }

            assertThat(timed.store().query(HistoryQuery.all(10))).extracting(m -> m.envelope().topic())
                    .containsExactly(AUDIT);
        }
    }

    @Test
    void aDurableConsumerSkipsTheMessagesRetentionRemovedFromItsBacklog() {
        // From the earliest offset, so that the whole backlog is read from the log after the pass.
        SubscribeOptions everything = SubscribeOptions.durable("archive", "#").withFrom(StartPosition.EARLIEST);
        for (int n = 1; n <= 3; n++) {
            publish(SENSOR, n);
            publish(AUDIT, n);
        }
        clock.advance(Duration.ofHours(2));
        assertThat(broker.enforceRetention()).isEqualTo(3);

        Deliveries back = new Deliveries();
        broker.subscribe(everything, back);
        publish(SENSOR, 4);

        assertThat(back.next(4)).extracting(Delivery::message)
                .extracting(message -> message.topic() + " " + message.payload().get("n"))
                .containsExactly(AUDIT + " 1", AUDIT + " 2", AUDIT + " 3", SENSOR + " 4");
        assertThat(back.quietFor(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void aMessageWaitingInAConsumersMemoryIsNotDeliveredAgainOnceRetentionRemovedIt() {
        SubscribeOptions manual = SubscribeOptions.durable("held", "#").withAckMode(AckMode.MANUAL);
        Deliveries first = new Deliveries();
        Subscription holding = broker.subscribe(manual, first);
        publish(SENSOR, 1);
        assertThat(first.next().message().payload().get("n").asInt()).isEqualTo(1);
        holding.close(); // unacknowledged: it waits in the consumer's memory for the next member

        clock.advance(Duration.ofHours(2));
        assertThat(broker.enforceRetention()).isEqualTo(1);
        Deliveries second = new Deliveries();
        broker.subscribe(manual, second);
        publish(SENSOR, 2);

        assertThat(second.next().message().payload().get("n").asInt()).isEqualTo(2);
        assertThat(second.quietFor(Duration.ofMillis(200))).isEmpty();
    }
}
