package ai.kind.kmb.broker.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;

/** A plain connection for tests to look behind a store's back: delete its keys, kill its connection. */
final class RedisAdmin implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    RedisAdmin(String url) {
        this.client = RedisClient.create(url);
        this.connection = client.connect();
    }

    RedisCommands<String, String> commands() {
        return connection.sync();
    }

    /** Deletes every key of the store with this prefix. */
    long deleteStore(String prefix) {
        return commands().eval("local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do "
                + "n = n + redis.call('DEL', k) end return n", ScriptOutputType.INTEGER, new String[0],
                new RedisKeys(prefix).pattern());
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
