package ai.kind.kmb.broker.store.redis;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.store.ConsumerClaims;
import ai.kind.kmb.broker.store.ConsumerClaimsContract;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.history.StoredMessage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Durable groups as Redis consumer groups on the store's log, under a key prefix of the test's own. */
class RedisConsumerGroupTest extends ConsumerClaimsContract {
    @RegisterExtension
    static final RequiresService REDIS = RequiresService.redis();

    private final String prefix = "kmb-test-" + UUID.randomUUID();

    @Override
    protected MessageStore newStore() {
        return RedisStore.open(REDIS.redisUrl(), RedisStoreOptions.defaults(prefix));
    }

    @AfterEach
    void deleteKeys() {
        store.close();
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.deleteStore(prefix);
        }
    }

    @Test
    void aGroupRedisLostIsCreatedAgainAndDeliversFromTheRetainedStart() {
        ConsumerClaims a = ((RedisStore) store).join("workers", "node-a", 0);
        List<StoredMessage> stored = List.of(store.append(message("jobs.run"), T0).join(),
                store.append(message("jobs.run"), T0).join());
        a.claimNew(10);
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.commands().xgroupDestroy(new RedisKeys(prefix).log(), RedisConsumerGroup.groupName("workers"));
        }

        assertThat(a.claimNew(10)).as("at least once: redelivered rather than lost").containsExactlyElementsOf(stored);
    }
}
