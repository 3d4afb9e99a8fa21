package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.broker.store.redis.RedisAdmin;
import ai.kind.kmb.broker.store.redis.RedisStore;
import ai.kind.kmb.broker.store.redis.RedisStoreOptions;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
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

    @AfterEach
    void deleteKeys() {
        nodes.close();
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.deleteStore(prefix);
        }
    }
}
