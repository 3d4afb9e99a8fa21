package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
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
            case REDIS, POSTGRES -> throw new ConfigException("kmb.backend '" + config.backend().wireName()
                    + "' is not available in this build yet");
        };
    }

    /** Where the data lives, for the start-up line that tests and operators read. */
    static String location(KmbdConfig config) {
        if (config.backend() == Backend.MEMORY) {
            return "memory (backend memory: nothing is kept after kmbd stops)";
        }
        return config.dataDir().toAbsolutePath().normalize().toString();
    }

    static void createDataDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir.toAbsolutePath(), e);
        }
    }
}
