package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Bus;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.Deliveries;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.broker.store.redis.RedisAdmin;
import ai.kind.kmb.broker.store.redis.RedisStore;
import ai.kind.kmb.broker.store.redis.RedisStoreOptions;
import io.lettuce.core.KillArgs;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis failing under two nodes while a client publishes: a private redis-server killed and
 * restarted, and, on the shared Redis, the nodes' own connections killed with CLIENT KILL. Clients
 * are answered {@code unavailable} in between, never left waiting, the nodes reconnect by
 * themselves, and every acknowledged message is in the log and reaches the other node's subscriber.
 */
class RedisFaultsTest {
    @RegisterExtension
    static final RequiresService REDIS = RequiresService.redis();

    @TempDir
    Path dir;

    private final String prefix = "kmb-faults-" + UUID.randomUUID();
    private final TestNodes nodes = new TestNodes();

    @AfterEach
    void cleanUp() {
        nodes.close();
        try (RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            admin.deleteStore(prefix);
        }
    }

    private TestNodes.Node node(String url) {
        return nodes.start(RedisStore.open(url, RedisStoreOptions.defaults(prefix)),
                (store, id) -> RedisNodeLink.open(url, (RedisStore) store, id));
    }

    @Test
    void aRedisRestartAnswersUnavailableMeanwhileAndLosesNoAcknowledgedMessage() {
        try (PrivateRedis redis = new PrivateRedis(dir)) {
            TestNodes.Node publishing = node(redis.url());
            TestNodes.Node listening = node(redis.url());
            Deliveries heard = new Deliveries();
            nodes.client(listening).subscribe(SubscribeOptions.ephemeral("faults.#"), heard);
            Bus publisher = nodes.client(publishing);

            Set<String> acknowledged;
            try (PublishLoop loop = new PublishLoop(publisher, "faults.restart")) {
                loop.awaitAcknowledged(20);
                redis.crash();
                loop.awaitRefusal();
                int before = loop.acknowledgedCount();
                redis.start();
                loop.awaitAcknowledged(before + 20);
                acknowledged = loop.finish();
            }

            PublishLoop.assertKept(acknowledged, publishing, heard);
        }
    }

    @Test
    void clientKillOfTheNodesConnectionsIsSurvived() {
        TestNodes.Node publishing = node(REDIS.redisUrl());
        TestNodes.Node listening = node(REDIS.redisUrl());
        Deliveries heard = new Deliveries();
        nodes.client(listening).subscribe(SubscribeOptions.ephemeral("faults.#"), heard);

        Set<String> acknowledged;
        try (PublishLoop loop = new PublishLoop(nodes.client(publishing), "faults.kill");
             RedisAdmin admin = new RedisAdmin(REDIS.redisUrl())) {
            loop.awaitAcknowledged(20);
            // Only this test's connections: the stores' (named after the prefix) and the two nodes' links.
            Set<String> names = Set.of("name=kmb-store:" + prefix + " ", "name=kmb-node:" + publishing.id() + " ",
                    "name=kmb-node:" + listening.id() + " ");
            long killed = admin.commands().clientList().lines()
                    .filter(line -> names.stream().anyMatch(line::contains))
                    .map(line -> line.replaceAll("^id=(\\d+) .*", "$1")).map(Long::parseLong)
                    .mapToLong(id -> admin.commands().clientKill(KillArgs.Builder.id(id))).sum();
            assertThat(killed).isPositive();
            int before = loop.acknowledgedCount();
            loop.awaitAcknowledged(before + 20);
            acknowledged = loop.finish();
        }

        PublishLoop.assertKept(acknowledged, publishing, heard);
    }
}
