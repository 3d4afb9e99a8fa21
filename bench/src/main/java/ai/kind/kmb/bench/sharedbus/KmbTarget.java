package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.bench.Service;
import ai.kind.kmb.bench.durable.BenchDirs;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.cluster.NodeLink;
import ai.kind.kmb.broker.cluster.SharedBus;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.postgres.PostgresStore;
import ai.kind.kmb.broker.store.redis.RedisStore;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded broker on one of its durable stores: durable publishes, each acknowledged once the
 * store has the message, and durable subscriptions acknowledged automatically when the handler returns.
 * On Redis and PostgreSQL the broker is a node of a shared bus, as kmbd runs there: delivery goes
 * through its tail of the shared log and the durable's claims on the shared store.
 */
final class KmbTarget implements DurableTarget {
    private static final String TOPIC = "bench.durable.events";

    private final Broker broker;
    private final Runnable cleanUp;

    private KmbTarget(MessageStore store, NodeLink link, Runnable cleanUp) {
        this.broker = Broker.start(store, BrokerOptions.defaults(), link);
        this.cleanUp = cleanUp;
    }

    /** A node of a bus on {@link RedisStore}, keys under a prefix of this run's own, deleted on close. */
    static KmbTarget onRedis(String runId) {
        String prefix = "kmb-bench-" + runId;
        SharedBus bus = SharedBus.redis(Service.REDIS.redisUrl(), prefix);
        return new KmbTarget(bus.store(), bus.link(), () -> SharedCleanUp.deleteRedisKeys("{" + prefix + "}:*"));
    }

    /** A node of a bus on {@link PostgresStore}, in a schema of this run's own, dropped on close. */
    static KmbTarget onPostgres(String runId) {
        String schema = "kmb_bench_" + runId;
        SharedBus bus = SharedBus.postgres(Service.POSTGRES.jdbcUrl(), schema);
        return new KmbTarget(bus.store(), bus.link(), () -> SharedCleanUp.dropSchema(schema));
    }

    /** On {@link SqliteStore} in a directory under {@code kmb.bench.dir}, deleted on close. */
    static KmbTarget onSqlite(String runId) {
        Path dir = BenchDirs.create("kmb-sharedbus-" + runId + "-");
        return new KmbTarget(SqliteStore.open(dir), NodeLink.STANDALONE, () -> BenchDirs.delete(dir));
    }

    @Override
    public CompletableFuture<?> publish(ObjectNode payload) {
        return broker.publish(Envelope.event(TOPIC, payload), PublishOptions.DURABLE);
    }

    @Override
    public AutoCloseable subscribe(String name, Sink sink) {
        return broker.subscribe(SubscribeOptions.durable(name, TOPIC),
                delivery -> sink.received(delivery.message()::payload));
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            cleanUp.run();
        }
    }
}
