package ai.kind.kmb.bench.network;

import ai.kind.kmb.bench.PayloadCodec;
import ai.kind.kmb.bench.Service;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis pub/sub through Lettuce: PUBLISH sent asynchronously on one connection (no wait for the
 * reply), one pub/sub connection per subscriber, whose listener Lettuce calls on its I/O thread.
 */
final class RedisPubSub implements PubSub {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final String channel;
    private final RedisClient client = RedisClient.create(Service.REDIS.redisUrl());
    private final List<AutoCloseable> connections = new ArrayList<>();
    private final RedisAsyncCommands<String, byte[]> publisher;

    RedisPubSub(String channel, int subscribers, Sink sink) {
        this.channel = channel;
        try {
            for (int i = 0; i < subscribers; i++) {
                int index = i;
                StatefulRedisPubSubConnection<String, byte[]> connection = client.connectPubSub(CODEC);
                connections.add(connection);
                connection.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String from, byte[] body) {
                        sink.received(index, PayloadCodec.decoder(body));
                    }
                });
                // Synchronous: returns once Redis confirmed the subscription.
                connection.sync().subscribe(channel);
            }
            StatefulRedisConnection<String, byte[]> connection = client.connect(CODEC);
            connections.add(connection);
            publisher = connection.async();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void publish(ObjectNode payload) {
        publisher.publish(channel, PayloadCodec.encode(payload));
    }

    @Override
    public void close() {
        for (AutoCloseable connection : connections) {
            try {
                connection.close();
            } catch (Exception e) {
                // Closing anyway; the client's shutdown below releases what is left.
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
