package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.broker.store.redis.RedisAdmin;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two kmbd processes on the Redis at 127.0.0.1:6379. */
class KmbdOnRedisTest extends TwoKmbdContract {
    @RegisterExtension
    static final RequiresService REDIS = RequiresService.redis();

    @Override
    protected List<String> backendFlags() {
        return List.of("--backend", "redis", "--redis-url", REDIS.redisUrl());
    }

    @AfterEach
    void deleteKeys() throws Exception {
        stopNodes();
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.deleteStore(busName);
        }
    }
}
