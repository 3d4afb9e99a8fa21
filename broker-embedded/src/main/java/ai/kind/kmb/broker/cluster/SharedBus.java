package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.postgres.PostgresStore;
import ai.kind.kmb.broker.store.postgres.PostgresStoreOptions;
import ai.kind.kmb.broker.store.redis.RedisStore;
import ai.kind.kmb.broker.store.redis.RedisStoreOptions;
import java.util.UUID;

/**
 * Joins a bus several nodes share: opens the shared store and this node's link to the others, for
 * kmbd and KMB Studio alike. {@code busName} is the Redis key prefix or the PostgreSQL schema; every
 * node of one bus uses the same.
 *
 * @param store  the shared store, which the broker owns once it is given it
 * @param link   this node's link, closed by the broker
 * @param where  the server and bus, for a person to read (no credentials)
 */
public record SharedBus(MessageStore store, NodeLink link, String where) {

    public static SharedBus redis(String url, String busName) {
        RedisStore store = RedisStore.open(url, RedisStoreOptions.defaults(busName));
        try {
            return new SharedBus(store, RedisNodeLink.open(url, store, newNodeId()), store.url() + " (bus " + busName
                    + ")");
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public static SharedBus postgres(String jdbcUrl, String busName) {
        PostgresStore store = PostgresStore.open(jdbcUrl, PostgresStoreOptions.defaults(busName));
        try {
            return new SharedBus(store, PostgresNodeLink.open(store, newNodeId()), store.url() + " (schema "
                    + busName + ")");
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static String newNodeId() {
        return UUID.randomUUID().toString();
    }
}
