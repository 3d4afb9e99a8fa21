package ai.kind.kmb.broker.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain connection for tests to look behind a store's back: delete its keys, kill its connection. */
public final class RedisAdmin implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    public RedisAdmin(String url) {
        this.client = RedisClient.create(url);
        this.connection = client.connect();
    }

    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    /** Deletes every key of the store with this prefix. */
    public long deleteStore(String prefix) {
        return commands().eval("local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do "
                + "n = n + redis.call('DEL', k) end return n", ScriptOutputType.INTEGER, new String[0],
                new RedisKeys(prefix).pattern());
    }

    /** Runs a script that keeps Redis (single-threaded) busy for a while, without waiting for it. */
    CompletableFuture<Object> busyFor(Duration duration) {
        String spin = "local s = redis.call('TIME') local deadline = s[1] * 1000000 + s[2] + tonumber(ARGV[1]) "
                + "repeat local t = redis.call('TIME') until t[1] * 1000000 + t[2] >= deadline return 1";
        return connection.async().eval(spin, ScriptOutputType.INTEGER, new String[0],
                Long.toString(duration.toNanos() / 1_000)).toCompletableFuture();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
