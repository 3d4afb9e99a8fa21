package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.store.postgres.PostgresStore;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends ephemeral frames as NOTIFY on a connection of its own, from one thread, so publishers never
 * wait for PostgreSQL: waiting frames go together in one statement and one commit, in the order they
 * were offered (PostgreSQL delivers one transaction's notifications in order). A NOTIFY payload must
 * be shorter than {@value #MAX_PAYLOAD_BYTES} bytes; a longer frame is refused with {@code too_large}
 * before anything is sent. When the connection breaks, the frames of the failed batch are lost (at
 * most once) and, until it is back, new frames are refused with {@code unavailable}.
 */
final class NotifySender implements AutoCloseable {
    /** PostgreSQL's limit, in its default build: a payload must be shorter than 8,000 bytes. */
    static final int MAX_PAYLOAD_BYTES = 8_000;
    private static final Logger LOG = LoggerFactory.getLogger(NotifySender.class);
    private static final int CAPACITY = 16_384;
    private static final int BATCH = 256;

    private final PostgresStore store;
    private final String channel;
    private final BlockingQueue<String> waiting = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private Connection connection;
    private volatile boolean connected;
    private volatile boolean running = true;

    NotifySender(PostgresStore store, String channel) {
        this.store = store;
        this.channel = channel;
        try {
            connect();
        } catch (SQLException e) {
            throw unavailable("cannot connect: " + e.getMessage());
        }
        this.thread = Thread.ofPlatform().name("kmb-cluster-notify").daemon().start(this::run);
    }

    /** Queues a frame; never blocks. */
    void send(String frame) {
        int bytes = frame.getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= MAX_PAYLOAD_BYTES) {
            throw new KmbException(ErrorCode.TOO_LARGE, "an ephemeral message travels between nodes as a"
                    + " PostgreSQL NOTIFY, whose payload must be under " + MAX_PAYLOAD_BYTES + " bytes; this one needs "
                    + bytes + ". Publish it durably (it then travels through the shared log)");
        }
        if (!connected) {
            throw unavailable("not connected; ephemeral messages cannot reach the other nodes; try again shortly");
        }
        if (!waiting.offer(frame)) {
            throw unavailable("overloaded: " + CAPACITY + " ephemeral messages wait to be sent; try again later");
        }
    }

    private void run() {
        Backoff backoff = new Backoff();
        List<String> batch = new ArrayList<>();
        while (running) {
            try {
                if (!connected) {
                    connect();
                    LOG.info("notifications to {} flow again", store.url());
                    backoff.reset();
                }
                String first = waiting.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, BATCH - 1);
                notifyAll(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                if (connected) {
                    LOG.warn("node link to {}: {} ephemeral messages lost ({}); reconnecting", store.url(),
                            batch.size(), e.getMessage());
                }
                connected = false;
                closeConnection();
                if (!backoff.pause()) {
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void notifyAll(List<String> frames) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_notify(?, frame) FROM unnest(?::text[]) WITH ORDINALITY AS f(frame, n) ORDER BY n")) {
            Array array = connection.createArrayOf("text", frames.toArray());
            statement.setString(1, channel);
            statement.setArray(2, array);
            statement.execute();
        }
    }

    private void connect() throws SQLException {
        connection = store.connect("node-link");
        connection.setAutoCommit(true);
        connected = true;
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing the notify connection failed", e);
        }
        connection = null;
    }

    private KmbException unavailable(String why) {
        return new KmbException(ErrorCode.UNAVAILABLE, "the bus's PostgreSQL " + store.url() + ": " + why);
    }

    @Override
    public void close() {
        running = false;
        Backoff.stop(thread);
        closeConnection();
    }
}
