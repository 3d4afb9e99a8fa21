package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.store.redis.RedisStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link between nodes sharing a {@link RedisStore}. Three connections, as Lettuce's maintainers
 * advise: one for PUBLISH (asynchronous, never waited on), one in pub/sub mode that hears the bus's
 * channel (Lettuce subscribes again after a reconnect), and one that only blocks in XREAD on the log
 * stream, so a blocking read never stalls the others. Nothing runs on Lettuce's event loop but a
 * hand-off to {@link LiveInbound} or a wake-up of the {@link ResponderDirectory}, whose board
 * ({@link RedisResponderBoard}) shares the publishing connection.
 */
public final class RedisNodeLink implements NodeLink {
    private static final Logger LOG = LoggerFactory.getLogger(RedisNodeLink.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final String nodeId;
    private final RedisStore store;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final StatefulRedisConnection<String, String> tailReader;
    private final RedisResponderBoard board;
    private final ResponderDirectory responders;
    private LiveInbound inbound;
    private LogTail tail;

    private RedisNodeLink(String nodeId, RedisStore store, ClientResources resources, RedisClient client) {
        this.nodeId = nodeId;
        this.store = store;
        this.resources = resources;
        this.client = client;
        this.publisher = client.connect(StringCodec.UTF8);
        this.subscriber = client.connectPubSub(StringCodec.UTF8);
        this.tailReader = client.connect(StringCodec.UTF8);
        this.board = new RedisResponderBoard(publisher, store);
        this.responders = new ResponderDirectory(nodeId, board, ResponderDirectory.HEARTBEAT, ResponderDirectory.TTL);
    }

    /** Connects to the Redis at {@code url} (the one the store uses, credentials included). */
    public static RedisNodeLink open(String url, RedisStore store, String nodeId) {
        RedisURI uri = RedisURI.builder(RedisURI.create(url)).withTimeout(COMMAND_TIMEOUT)
                .withClientName("kmb-node:" + nodeId).build();
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT)).build());
        try {
            return new RedisNodeLink(nodeId, store, resources, client);
        } catch (RuntimeException e) {
            shutdown(client, resources);
            throw new KmbException(ErrorCode.UNAVAILABLE, "bus link to " + store.url() + ": cannot connect: "
                    + e.getMessage(), java.util.List.of(), e);
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public synchronized void start(RemoteTraffic traffic) {
        inbound = new LiveInbound(nodeId, traffic);
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (channel.equals(board.channel())) {
                    responders.refresh();
                } else {
                    inbound.accept(message);
                }
            }
        });
        subscriber.sync().subscribe(store.liveChannel(), board.channel());
        responders.start(() -> ResponderBoard.Listing.of(traffic), traffic::durables);
        tail = new LogTail("node " + nodeId, store, this::awaitAfter, traffic::appended);
        tail.start();
    }

    /** XREAD BLOCK returns as soon as an entry past the cursor exists; entry ids are {@code <offset>-0}. */
    private void awaitAfter(long cursor, Duration atMost) {
        tailReader.sync().xread(XReadArgs.Builder.block(atMost).count(1),
                XReadArgs.StreamOffset.from(store.logKey(), cursor + "-0"));
    }

    @Override
    public void broadcast(Envelope message) {
        if (!publisher.isOpen()) {
            throw new KmbException(ErrorCode.UNAVAILABLE, "the bus's Redis " + store.url()
                    + " is unreachable, so ephemeral messages cannot reach the other nodes; try again shortly");
        }
        publisher.async().publish(store.liveChannel(), LiveFrames.encode(nodeId, message))
                .whenComplete((receivers, error) -> {
                    if (error != null) {
                        LOG.warn("node {}: ephemeral message {} did not reach the other nodes: {}", nodeId,
                                message.id(), error.getMessage());
                    }
                });
    }

    @Override
    public Responders responders() {
        return responders;
    }

    @Override
    public DurableReports reports() {
        return responders;
    }

    @Override
    public synchronized void close() {
        responders.close();
        if (tail != null) {
            tail.close();
        }
        if (inbound != null) {
            inbound.close();
        }
        publisher.close();
        subscriber.close();
        tailReader.close();
        shutdown(client, resources);
    }

    private static void shutdown(RedisClient client, ClientResources resources) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
