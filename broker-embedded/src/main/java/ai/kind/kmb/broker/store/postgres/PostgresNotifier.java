package ai.kind.kmb.broker.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups across nodes through LISTEN/NOTIFY: one connection and one thread that LISTENs on the
 * channels asked for and runs their listeners when a notification arrives. A notification means
 * only "look again": listeners re-read the store from where they were, so a lost or merged
 * notification costs latency, never a message. When the connection breaks, the thread reconnects
 * with backoff, LISTENs again, and wakes every listener once, since notifications sent while it was
 * away are gone.
 *
 * <p>Listeners run on the notifier's thread, {@value #THREAD_NAME}; they should hand work off rather
 * than block it.
 */
public final class PostgresNotifier implements AutoCloseable {
    static final String THREAD_NAME = "kmb-postgres-notifier";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresNotifier.class);
    private static final int POLL_MILLIS = 100;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private record Request(String channel, CompletableFuture<Void> active) {
    }

    private final String url;
    private final PostgresPool.Opener opener;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    PostgresNotifier(String url, PostgresPool.Opener opener) {
        this.url = url;
        this.opener = opener;
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon().start(this::run);
    }

    /** A notifier of its own on the database at {@code jdbcUrl}, e.g. for a node that only wants wake-ups. */
    public static PostgresNotifier open(String jdbcUrl, PostgresStoreOptions options) {
        return new PostgresNotifier(PostgresErrors.describe(jdbcUrl),
                () -> PostgresSchema.connect(jdbcUrl, options, "notifier"));
    }

    /**
     * Runs {@code listener} on every notification on {@code channel}. Returns once the LISTEN is in
     * place (or after {@code wait}, if the database is away: the listener is then woken when the
     * notifier reconnects). Closing the returned handle removes the listener.
     */
    public AutoCloseable listen(String channel, Runnable listener, Duration wait) {
        return listenToPayloads(channel, payload -> listener.run(), wait);
    }

    /**
     * As {@link #listen}, but the listener gets each notification's payload; after a reconnect it is
     * called once with null, since notifications sent meanwhile are gone.
     */
    public AutoCloseable listenToPayloads(String channel, Consumer<String> listener, Duration wait) {
        List<Consumer<String>> forChannel = listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
        forChannel.add(listener);
        Request request = new Request(channel, new CompletableFuture<>());
        requests.add(request);
        try {
            request.active().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("LISTEN {} on {} is not in place after {} ms; the listener is woken once it is", channel, url,
                    wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("LISTEN {} on {} failed; retrying on reconnect", channel, url, e.getCause());
        }
        return () -> forChannel.remove(listener);
    }

    private void run() {
        Connection connection = null;
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                if (connection == null) {
                    connection = opener.open();
                    for (String channel : listeners.keySet()) {
                        listen(connection, channel);
                    }
                    if (backoff.toMillis() > 100) {
                        LOG.info("reconnected to {} for notifications", url);
                    }
                    backoff = Duration.ofMillis(100);
                    wakeAll(); // whatever was notified while we were away
                }
                for (Request request = requests.poll(); request != null; request = requests.poll()) {
                    listen(connection, request.channel());
                    request.active().complete(null);
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        wake(notification.getName(), notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn("notifications from {} interrupted ({}); reconnecting in {} ms", url, e.getMessage(),
                        backoff.toMillis());
                PostgresSchema.closeQuietly(connection);
                connection = null;
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        PostgresSchema.closeQuietly(connection);
        requests.forEach(request -> request.active().complete(null));
    }

    private static void listen(Connection connection, String channel) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
        }
    }

    private void wake(String channel, String payload) {
        for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
            try {
                listener.accept(payload);
            } catch (RuntimeException e) {
                LOG.error("a listener on channel {} failed", channel, e);
            }
        }
    }

    private void wakeAll() {
        listeners.keySet().forEach(channel -> wake(channel, null));
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
