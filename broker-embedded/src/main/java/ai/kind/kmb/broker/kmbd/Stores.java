package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.broker.cluster.NodeLink;
import ai.kind.kmb.broker.cluster.SharedBus;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the store the configuration names, with this node's link to the others on a shared one. */
final class Stores {
    /** The store, its link (alone for a local store), and where the data lives for the start-up line. */
    record Opened(MessageStore store, NodeLink link, String location) {
    }

    private Stores() {
    }

    static Opened open(KmbdConfig config) {
        return switch (config.backend()) {
            case MEMORY -> new Opened(new InMemoryStore(), NodeLink.STANDALONE,
                    "memory (backend memory: nothing is kept after kmbd stops)");
            case SQLITE -> new Opened(SqliteStore.open(config.dataDir()), NodeLink.STANDALONE,
                    config.dataDir().toAbsolutePath().normalize().toString());
            case REDIS -> shared(SharedBus.redis(config.redisUrl(), config.busName()));
            case POSTGRES -> shared(SharedBus.postgres(config.postgresUrl(), config.busName()));
        };
    }

    private static Opened shared(SharedBus bus) {
        return new Opened(bus.store(), bus.link(), bus.where() + ", shared with the nodes on it");
    }

    static void createDataDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir.toAbsolutePath(), e);
        }
    }
}
