package ai.kind.kmb.broker.store.redis;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one connection to Redis, used as Lettuce's maintainers advise: every command goes
 * out asynchronously on one shared connection (Lettuce pipelines concurrent callers on it, in the
 * order they called), nothing ever blocks an event-loop thread, and Lettuce reconnects by itself.
 * While it is reconnecting, commands are rejected at once rather than queued without bound, and
 * each command has a time-out, so every failure reaches the caller as {@code unavailable}.
 *
 * <p>Futures handed to callers complete on one thread of the store's own, {@value #COMPLETER_NAME},
 * in reply order: a caller's callback can never stall Lettuce's event loop or deadlock on it.
 */
final class RedisLink implements AutoCloseable {
    static final String COMPLETER_NAME = "kmb-redis-completer";
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

    private final String url;
    private final Duration commandTimeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final ExecutorService completer;
    private volatile Thread completerThread;
    private volatile boolean closed;

    private RedisLink(String url, Duration commandTimeout, ClientResources resources, RedisClient client,
                      StatefulRedisConnection<String, String> connection) {
        this.url = url;
        this.commandTimeout = commandTimeout;
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.completer = Executors.newSingleThreadExecutor(task -> {
            Thread created = Thread.ofPlatform().name(COMPLETER_NAME).daemon().unstarted(task);
            completerThread = created;
            return created;
        });
    }

    static RedisLink open(RedisURI uri, RedisStoreOptions options) {
        String url = RedisErrors.describe(uri);
        // The client name shows which store a connection serves in CLIENT LIST (and lets tests find it).
        RedisURI withTimeout = RedisURI.builder(uri).withTimeout(options.commandTimeout())
                .withClientName(clientName(options.keyPrefix())).build();
        // Two I/O threads and two computation threads: a store holds one connection, not a pool.
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .threadFactoryProvider(new RedisThreads()).build();
        RedisClient client = RedisClient.create(resources, withTimeout);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(options.maxQueuedCommands())
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(options.connectTimeout()).keepAlive(true).build())
                .build());
        try {
            return new RedisLink(url, options.commandTimeout(), resources, client, client.connect(StringCodec.UTF8));
        } catch (RuntimeException e) {
            shutdown(client, resources);
            throw RedisErrors.failure(url, "connect", e);
        }
    }

    static String clientName(String keyPrefix) {
        return "kmb-store:" + keyPrefix;
    }

    String url() {
        return url;
    }

    RedisAsyncCommands<String, String> commands() {
        if (closed) {
            throw RedisErrors.closed(url);
        }
        return connection.async();
    }

    /**
     * Runs a script by its SHA; if Redis does not know it (after a restart or SCRIPT FLUSH), sends
     * it whole once, which also loads it. Only for scripts whose relative order does not matter.
     */
    <T> CompletableFuture<T> script(RedisScripts.Script script, ScriptOutputType type, String[] keys, String... args) {
        RedisAsyncCommands<String, String> commands = commands();
        CompletableFuture<T> bySha = commands.<T>evalsha(script.sha(), type, keys, args).toCompletableFuture();
        return bySha.exceptionallyCompose(error -> RedisErrors.isNoScript(error)
                ? commands.<T>eval(script.body(), type, keys, args).toCompletableFuture()
                : CompletableFuture.failedFuture(error));
    }

    /**
     * Runs a script sent whole. Appends use this: a NOSCRIPT reply and its retry would let a later
     * append overtake an earlier one, breaking "offsets follow the order of the calls".
     */
    <T> CompletableFuture<T> scriptInOrder(RedisScripts.Script script, ScriptOutputType type, String[] keys,
                                           String... args) {
        return commands().<T>eval(script.body(), type, keys, args).toCompletableFuture();
    }

    /**
     * The caller's view of a command: failures become {@link KmbException}s naming the server, and
     * completion moves off Lettuce's threads onto the completer. Never throws.
     */
    <T> CompletableFuture<T> deliver(String action, CompletionStage<T> reply) {
        CompletableFuture<T> result = new CompletableFuture<>();
        reply.whenComplete((value, error) -> {
            Runnable completion = error == null ? () -> result.complete(value)
                    : () -> result.completeExceptionally(RedisErrors.failure(url, action, error));
            try {
                completer.execute(completion);
            } catch (RejectedExecutionException closing) {
                completion.run();
            }
        });
        return result;
    }

    /** Waits for a reply on behalf of a synchronous store method; throws {@link KmbException}. */
    <T> T await(String action, CompletionStage<T> reply) {
        if (RedisThreads.isIoThread()) {
            throw new IllegalStateException("a synchronous Redis store method was called on Lettuce's own thread ("
                    + Thread.currentThread().getName() + "); it would wait for a reply only that thread can read");
        }
        try {
            // Lettuce times every command out itself; the extra margin only guards against a lost future.
            return reply.toCompletableFuture().get(commandTimeout.toMillis() * 2 + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RedisErrors.failure(url, action, e);
        } catch (ExecutionException e) {
            throw RedisErrors.failure(url, action, e.getCause());
        } catch (TimeoutException e) {
            throw new KmbException(ErrorCode.UNAVAILABLE, "message store " + url + ": could not " + action
                    + ": Redis did not answer in " + commandTimeout.multipliedBy(2).toMillis() + " ms");
        }
    }

    /** Closes the connection and Lettuce's threads; replies still on their way fail as closed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the connection to {} failed", url, e);
        }
        shutdown(client, resources);
        completer.shutdown();
        if (Thread.currentThread() == completerThread) {
            return; // closed from a callback: the callbacks queued behind it still run, then the thread ends
        }
        try {
            if (!completer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} still running callbacks 10 s after the store closed", COMPLETER_NAME);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void shutdown(RedisClient client, ClientResources resources) {
        // No quiet period: nothing else uses these threads, so there is nothing to wait for.
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
