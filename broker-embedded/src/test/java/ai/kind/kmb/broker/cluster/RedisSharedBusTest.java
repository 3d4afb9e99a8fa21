package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.broker.store.redis.RedisAdmin;
import ai.kind.kmb.broker.store.redis.RedisStore;
import ai.kind.kmb.broker.store.redis.RedisStoreOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes on the Redis at 127.0.0.1:6379, under a key prefix of this test's own. */
class RedisSharedBusTest extends SharedBusContract {
    @RegisterExtension
    static final RequiresService REDIS = RequiresService.redis();

    private final String prefix = "kmb-cluster-" + UUID.randomUUID();

    @Override
    protected MessageStore openStore() {
        return RedisStore.open(REDIS.redisUrl(), RedisStoreOptions.defaults(prefix));
    }

    @Override
    protected NodeLink link(MessageStore store, String nodeId) {
        return RedisNodeLink.open(REDIS.redisUrl(), (RedisStore) store, nodeId);
    }

    @Override
    protected void listGhost(MessageStore store, String nodeId, Set<String> filters, DurablesReport report,
                             Duration ttl) throws Exception {
        RedisClient client = RedisClient.create(REDIS.redisUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            new RedisResponderBoard(connection, (RedisStore) store).put(nodeId,
                    new ResponderBoard.Listing(filters, Set.of()), report, ttl, true);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void anEntryOfAnEarlierVersionIsReadAsFiltersWithoutGroups() throws Exception {
        TestNodes.Node a = node();
        RedisStore store = (RedisStore) a.broker().store();
        String key = store.respondersKey();
        RedisClient client = RedisClient.create(REDIS.redisUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().hset(key, "old-node", Long.MAX_VALUE / 2 + " [\"old.#\"]");

            List<ResponderBoard.Entry> entries = new RedisResponderBoard(connection, store).read();

            assertThat(entries).filteredOn(entry -> entry.nodeId().equals("old-node")).singleElement()
                    .extracting(ResponderBoard.Entry::listing)
                    .isEqualTo(new ResponderBoard.Listing(Set.of("old.#"), Set.of()));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @AfterEach
    void deleteKeys() {
        nodes.close();
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.deleteStore(prefix);
        }
    }
}
