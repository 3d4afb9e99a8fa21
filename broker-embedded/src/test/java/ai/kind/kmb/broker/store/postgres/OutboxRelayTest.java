package ai.kind.kmb.broker.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox: applications write messages in their own transactions, relays deliver each once. */
@Timeout(60)
class OutboxRelayTest {
    @RegisterExtension
    static final RequiresService POSTGRES = RequiresService.postgres();

    private final String schema = PostgresSchemas.unique();
    private final String outbox = "\"" + schema + "\".outbox";
    private final RecordingBus bus = new RecordingBus();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAndDrop() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        PostgresSchemas.drop(POSTGRES.jdbcUrl(), schema);
    }

    private OutboxRelay relay(OutboxRelayOptions options) {
        OutboxRelay relay = OutboxRelay.create(POSTGRES.jdbcUrl(), bus, options);
        opened.add(relay);
        return relay;
    }

    private void insertRows(int count) {
        PostgresSchemas.execute(POSTGRES.jdbcUrl(), "INSERT INTO " + outbox + " (topic, payload) SELECT 'orders.created', "
                + "jsonb_build_object('order', n) FROM generate_series(1, " + count + ") AS n");
    }

    private long rowsLeft() {
        return Long.parseLong(PostgresSchemas.queryString(POSTGRES.jdbcUrl(), "SELECT count(*) FROM " + outbox));
    }

    @Test
    void twoRelaysRacingOnOneTablePublishEachRowExactlyOnce() {
        OutboxRelay first = relay(OutboxRelayOptions.defaults(schema).withBatchSize(7));
        OutboxRelay second = relay(OutboxRelayOptions.defaults(schema).withBatchSize(7));
        insertRows(300);

        CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> drain(first));
        CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> drain(second));

        assertThat(a.join() + b.join()).isEqualTo(300);
        assertThat(bus.publishes()).hasSize(300).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
        assertThat(first.stats().published()).as("both relays took part").isPositive();
        assertThat(second.stats().published()).isPositive();
        assertThat(rowsLeft()).isZero();
    }

    @Test
    void publishesOnlyWhatTheApplicationsTransactionCommitted() throws Exception {
        OutboxRelay relay = relay(OutboxRelayOptions.defaults(schema));
        try (Connection app = DriverManager.getConnection(POSTGRES.jdbcUrl());
             Statement statement = app.createStatement()) {
            statement.execute("CREATE TABLE \"" + schema + "\".orders (id int PRIMARY KEY)");
            app.setAutoCommit(false);
            statement.execute("INSERT INTO \"" + schema + "\".orders VALUES (1)");
            statement.execute("INSERT INTO " + outbox + " (id, topic, payload) VALUES ('order-1', 'orders.created', "
                    + "'{\"order\": 1}')");
            app.rollback();
            statement.execute("INSERT INTO \"" + schema + "\".orders VALUES (2)");
            statement.execute("INSERT INTO " + outbox + " (id, topic, payload, metadata) VALUES ('order-2', "
                    + "'orders.created', '{\"order\": 2}', '{\"trace_id\": \"t-2\"}')");
            app.commit();
        }

        assertThat(relay.relayOnce()).isEqualTo(1);

        Envelope sent = bus.messages().getFirst();
        assertThat(bus.publishes()).containsOnlyKeys("order-2");
        assertThat(sent.payload()).isEqualTo(Json.object().put("order", 2));
        assertThat(sent.metadata().traceId()).isEqualTo("t-2");
        assertThat(sent.timestamp()).isNotNull();
    }

    @Test
    void aRowRelayedAgainAfterACrashIsStoredOnceByTheBroker() {
        PostgresStore store = PostgresStore.open(POSTGRES.jdbcUrl(), PostgresStoreOptions.defaults(schema));
        Broker broker = Broker.start(store, BrokerOptions.defaults());
        opened.add(broker);
        OutboxRelay relay = OutboxRelay.create(POSTGRES.jdbcUrl(), broker, OutboxRelayOptions.defaults(schema));
        opened.add(relay);
        PostgresSchemas.execute(POSTGRES.jdbcUrl(), "INSERT INTO " + outbox + " (id, topic, payload) VALUES "
                + "('order-7', 'orders.created', '{\"order\": 7}')");
        // A relay that published this row and died before deleting it:
        Envelope alreadySent = Envelope.event("orders.created", Json.object().put("order", 7)).withId("order-7");
        broker.publish(alreadySent, PublishOptions.DURABLE).join();

        assertThat(relay.relayOnce()).isEqualTo(1);

        List<StoredMessage> log = store.query(HistoryQuery.all(10));
        assertThat(log).extracting(m -> m.envelope().id()).containsExactly("order-7");
        assertThat(rowsLeft()).isZero();
    }

    @Test
    void parksARowTheBusRefusesForGoodAndGoesOn() {
        OutboxRelay relay = relay(OutboxRelayOptions.defaults(schema));
        PostgresSchemas.execute(POSTGRES.jdbcUrl(), "INSERT INTO " + outbox + " (id, topic, type) VALUES "
                + "('bad-topic', 'orders..created', 'event'), ('bad-type', 'orders.created', 'shout'), "
                + "('refused', 'orders.secret', 'event'), ('good', 'orders.created', 'event')");
        bus.failWith(message -> message.topic().equals("orders.secret")
                ? new KmbException(ErrorCode.FORBIDDEN, "no publishing to orders.secret") : null);

        assertThat(relay.relayOnce()).isEqualTo(4);

        assertThat(bus.publishes()).containsOnlyKeys("good");
        assertThat(relay.stats()).isEqualTo(new OutboxRelay.Stats(1, 3));
        assertThat(PostgresSchemas.queryString(POSTGRES.jdbcUrl(), "SELECT string_agg(id || ': ' || last_error, ' | ' "
                + "ORDER BY seq) FROM " + outbox + " WHERE parked_at IS NOT NULL"))
                .contains("bad-topic: ").contains("bad-type: ").contains("refused: forbidden: no publishing");
        assertThat(relay.relayOnce()).as("parked rows are not claimed again").isZero();
    }

    @Test
    void keepsARowTheBusCannotTakeNowForALaterRound() {
        OutboxRelay relay = relay(OutboxRelayOptions.defaults(schema));
        insertRows(3);
        bus.failWith(message -> new KmbException(ErrorCode.UNAVAILABLE, "disk is busy"));

        assertThat(relay.relayOnce()).isZero();
        assertThat(rowsLeft()).isEqualTo(3);

        bus.failWith(message -> null);
        assertThat(relay.relayOnce()).isEqualTo(3);
        assertThat(rowsLeft()).isZero();
    }

    @Test
    void aRunningRelayIsWokenByTheOutboxTrigger() throws Exception {
        OutboxRelay relay = OutboxRelay.start(POSTGRES.jdbcUrl(), bus,
                OutboxRelayOptions.defaults(schema).withPollInterval(Duration.ofMinutes(10)));
        opened.add(relay);
        Thread.sleep(200); // let it finish its first, empty round and wait

        insertRows(5);

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (bus.publishes().size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(bus.publishes()).as("relayed long before the 10-minute poll").hasSize(5);
    }

    private static long drain(OutboxRelay relay) {
        int idleRounds = 0;
        while (idleRounds < 3) {
            idleRounds = relay.relayOnce() == 0 ? idleRounds + 1 : 0;
        }
        return relay.stats().published();
    }
}
