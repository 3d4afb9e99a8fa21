package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.bench.PayloadCodec;
import ai.kind.kmb.bench.Service;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Raw Redis Streams through Lettuce, pipelined the way KMB's Redis store pipelines its appends: every
 * publisher sends its XADD asynchronously on one shared connection (Lettuce writes each command as
 * it comes, so concurrent publishers' commands are in flight together, in call order) and waits
 * for its own reply. The durable subscriber is a consumer group read with XREADGROUP BLOCK on a
 * connection of its own, XACK'ing each batch it read once its handler calls returned.
 */
final class RedisXaddTarget implements DurableTarget {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final String FIELD = "payload";

    private final String key;
    private final RedisClient client = RedisClient.create(Service.REDIS.redisUrl());
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisAsyncCommands<String, byte[]> commands;

    RedisXaddTarget(String runId) {
        this.key = "kmb-bench-" + runId + ":xadd";
        try {
            connection = client.connect(CODEC);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
        commands = connection.async();
    }

    @Override
    public CompletableFuture<?> publish(ObjectNode payload) {
        return commands.xadd(key, Map.of(FIELD, PayloadCodec.encode(payload))).toCompletableFuture();
    }

    @Override
    public AutoCloseable subscribe(String name, Sink sink) {
        StatefulRedisConnection<String, byte[]> reader = client.connect(CODEC);
        // "$": from now on, as KMB's durable subscriptions start by default.
        reader.sync().xgroupCreate(XReadArgs.StreamOffset.from(key, "$"), name, XGroupCreateArgs.Builder.mkstream());
        Consumer<String> consumer = Consumer.from(name, "bench");
        Thread thread = Thread.ofPlatform().name("redis-xadd-" + name).start(() -> {
            while (!Thread.currentThread().isInterrupted() && reader.isOpen()) {
                List<StreamMessage<String, byte[]>> read;
                try {
                    read = reader.sync().xreadgroup(consumer, XReadArgs.Builder.block(200).count(1_000),
                            XReadArgs.StreamOffset.lastConsumed(key));
                } catch (RuntimeException closing) {
                    return;
                }
                for (StreamMessage<String, byte[]> message : read) {
                    sink.received(PayloadCodec.decoder(message.getBody().get(FIELD)));
                }
                if (!read.isEmpty()) {
                    reader.async().xack(key, name, read.stream().map(StreamMessage::getId).toArray(String[]::new));
                }
            }
        });
        return () -> {
            thread.interrupt();
            thread.join(2_000);
            reader.close();
        };
    }

    @Override
    public void close() {
        try {
            connection.sync().del(key);
        } finally {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
