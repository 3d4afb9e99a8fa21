package ai.kind.kmb.broker.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.broker.store.SharedSnapshotRecordsContract;
import ai.kind.kmb.broker.store.SnapshotRecords;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snapshot contract on Redis, under a key prefix of each test's own, plus what only Redis does. */
class RedisSnapshotsTest extends SharedSnapshotRecordsContract {
    @RegisterExtension
    static final RequiresService REDIS = RequiresService.redis();

    private final String prefix = "kmb-test-" + UUID.randomUUID();

    @Override
    protected MessageStore openStore() {
        return RedisStore.open(REDIS.redisUrl(), RedisStoreOptions.defaults(prefix));
    }

    @Override
    protected SnapshotRecords snapshotsOf(MessageStore store) {
        return ((RedisStore) store).snapshots();
    }

    @Override
    protected void deleteBus() {
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.deleteStore(prefix);
        }
    }

    @Test
    void pruningLeavesNeitherStateNorDescriptionBehind() {
        for (int i = 1; i <= 15; i++) {
            save("a", i, IntNode.valueOf(i));
        }
        records.prune("a", 10);

        RedisKeys keys = new RedisKeys(prefix);
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            assertThat(admin.commands().hlen(keys.snapshotInfos())).isEqualTo(10);
            assertThat(admin.commands().hlen(keys.snapshotStates())).isEqualTo(10);
            assertThat(admin.commands().zcard(keys.snapshotsOf("a"))).isEqualTo(10);
            assertThat(admin.commands().keys("*snapshots*")).allSatisfy(key ->
                    assertThat(key).as("every snapshot key is under the store's prefix").startsWith("{" + prefix + "}:"));
        }
    }
}
