package ai.kind.kmb.broker.kmbd;

import java.util.Arrays;
import java.util.List;

/** Where kmbd keeps messages. Redis and PostgreSQL are named so a config using them gets a clear answer. */
enum Backend {
    SQLITE("sqlite", true),
    MEMORY("memory", true),
    REDIS("redis", false),
    POSTGRES("postgres", false);

    static final List<String> NAMES = Arrays.stream(values()).map(Backend::wireName).toList();

    private final String wireName;
    private final boolean available;

    Backend(String wireName, boolean available) {
        this.wireName = wireName;
        this.available = available;
    }

    String wireName() {
        return wireName;
    }

    boolean available() {
        return available;
    }

    static Backend of(String name) {
        for (Backend backend : values()) {
            if (backend.wireName.equals(name)) {
                return backend;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + name + "'");
    }
}
