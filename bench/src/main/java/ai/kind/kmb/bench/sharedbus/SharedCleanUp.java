package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.bench.Service;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Removes what a run left on the shared servers, so that benchmarks do not fill them up. */
final class SharedCleanUp {
    private SharedCleanUp() {
    }

    /** Deletes every key matching {@code pattern} (a SCAN pattern naming this run's keys only). */
    static void deleteRedisKeys(String pattern) {
        RedisClient client = RedisClient.create(Service.REDIS.redisUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(pattern).limit(1_000));
                if (!page.getKeys().isEmpty()) {
                    redis.unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Drops a schema this run created, with everything in it. */
    static void dropSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(Service.POSTGRES.jdbcUrl());
             Statement statement = connection.createStatement()) {
            // The name is this run's own, built from [a-z0-9_] only: nothing to quote.
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the benchmark's schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
