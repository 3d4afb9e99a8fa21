package ai.kind.kmb.broker.kmbd;

import java.util.Arrays;
import java.util.List;

/** Where kmbd keeps messages: on this machine (sqlite, memory) or on a server several nodes share. */
enum Backend {
    SQLITE("sqlite", false),
    MEMORY("memory", false),
    REDIS("redis", true),
    POSTGRES("postgres", true);

    static final List<String> NAMES = Arrays.stream(values()).map(Backend::wireName).toList();

    private final String wireName;
    private final boolean shared;

    Backend(String wireName, boolean shared) {
        this.wireName = wireName;
        this.shared = shared;
    }

    String wireName() {
        return wireName;
    }

    /** True for a server several nodes share: kmbd then joins the bus of the nodes on it. */
    boolean shared() {
        return shared;
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
