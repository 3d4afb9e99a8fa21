package ai.kind.kmb.app;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.cluster.SharedBus;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the embedded broker keeps its messages: its own SQLite log (the default), or a Redis or
 * PostgreSQL that other nodes share, so that the Studio joins their bus and its views show the
 * traffic of every node.
 *
 * @param kind    sqlite, redis or postgres
 * @param url     the Redis URL or the PostgreSQL JDBC URL; null for sqlite
 * @param busName the shared bus's Redis key prefix or PostgreSQL schema, as kmbd's {@code kmb.bus_name}
 */
public record EmbeddedBackend(Kind kind, String url, String busName) {
    public enum Kind { SQLITE, REDIS, POSTGRES }

    public static final String DEFAULT_BUS_NAME = "kmb";

    public EmbeddedBackend {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(busName, "busName");
        if (kind != Kind.SQLITE && (url == null || url.isBlank())) {
            throw new IllegalArgumentException("backend " + kind.name().toLowerCase(Locale.ROOT) + " needs --"
                    + kind.name().toLowerCase(Locale.ROOT) + "-url");
        }
    }

    public static EmbeddedBackend sqlite() {
        return new EmbeddedBackend(Kind.SQLITE, null, DEFAULT_BUS_NAME);
    }

    /** Starts a broker on this backend; {@code dataDirectory} is used by sqlite only. */
    Broker start(Path dataDirectory) {
        return switch (kind) {
            case SQLITE -> Broker.start(SqliteStore.open(dataDirectory), BrokerOptions.defaults());
            case REDIS -> start(SharedBus.redis(url, busName));
            case POSTGRES -> start(SharedBus.postgres(url, busName));
        };
    }

    private static Broker start(SharedBus bus) {
        return Broker.start(bus.store(), BrokerOptions.defaults(), bus.link());
    }
}
