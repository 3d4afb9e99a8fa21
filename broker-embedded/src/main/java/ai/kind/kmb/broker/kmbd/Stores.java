package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.broker.cluster.NodeLink;
import ai.kind.kmb.broker.cluster.PostgresNodeLink;
import ai.kind.kmb.broker.cluster.RedisNodeLink;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.broker.store.postgres.PostgresStore;
import ai.kind.kmb.broker.store.postgres.PostgresStoreOptions;
import ai.kind.kmb.broker.store.redis.RedisStore;
import ai.kind.kmb.broker.store.redis.RedisStoreOptions;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the store the configuration names, and says in one line where its data lives. */
final class Stores {
    private Stores() {
    }

    static MessageStore open(KmbdConfig config) {
        return switch (config.backend()) {
            case MEMORY -> new InMemoryStore();
            case SQLITE -> SqliteStore.open(config.dataDir());
            case REDIS -> RedisStore.open(config.redisUrl(), RedisStoreOptions.defaults(config.busName()));
            case POSTGRES -> PostgresStore.open(config.postgresUrl(), PostgresStoreOptions.defaults(config.busName()));
        };
    }

    /** How this node reaches the others on a shared store; alone on a local one. */
    static NodeLink link(KmbdConfig config, MessageStore store, String nodeId) {
        return switch (store) {
            case RedisStore redis -> RedisNodeLink.open(config.redisUrl(), redis, nodeId);
            case PostgresStore postgres -> PostgresNodeLink.open(postgres, nodeId);
            default -> NodeLink.STANDALONE;
        };
    }

    /** Where the data lives, for the start-up line that tests and operators read. */
    static String location(KmbdConfig config, MessageStore store) {
        return switch (store) {
            case RedisStore redis -> redis.url() + " (bus " + config.busName() + ", shared with the nodes on it)";
            case PostgresStore postgres -> postgres.url() + " (schema " + config.busName()
                    + ", shared with the nodes on it)";
            case InMemoryStore memory -> "memory (backend memory: nothing is kept after kmbd stops)";
            default -> config.dataDir().toAbsolutePath().normalize().toString();
        };
    }

    static void createDataDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir.toAbsolutePath(), e);
        }
    }
}
