package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.bench.Service;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/** How many things of one run a target left on its shared server: keys, streams or schemas. */
final class Leftovers {
    private Leftovers() {
    }

    static long of(String target, String runId) throws Exception {
        return switch (target) {
            case "kmb-redis" -> redisKeys("{kmb-bench-" + runId + "}:*");
            case "redis-xadd" -> redisKeys("kmb-bench-" + runId + ":*");
            case "kmb-postgres" -> schemas("kmb_bench_" + runId);
            case "jetstream" -> streams("KMB_BENCH_" + runId);
            default -> throw new IllegalArgumentException(target + " keeps nothing on a shared server");
        };
    }

    private static long redisKeys(String pattern) {
        RedisClient client = RedisClient.create(Service.REDIS.redisUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            long keys = 0;
            KeyScanCursor<String> page = connection.sync().scan(ScanArgs.Builder.matches(pattern).limit(1_000));
            keys += page.getKeys().size();
            while (!page.isFinished()) {
                page = connection.sync().scan(page, ScanArgs.Builder.matches(pattern).limit(1_000));
                keys += page.getKeys().size();
            }
            return keys;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static long schemas(String schema) throws Exception {
        try (var connection = DriverManager.getConnection(Service.POSTGRES.jdbcUrl());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long streams(String stream) throws Exception {
        try (Connection connection = Nats.connect(Service.NATS.natsUrl())) {
            return connection.jetStreamManagement().getStreamNames().contains(stream) ? 1 : 0;
        }
    }
}
