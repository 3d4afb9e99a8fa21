package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what applications wrote into the outbox table (see {@link Outbox}). Each round claims a
 * batch with {@code FOR UPDATE SKIP LOCKED}, so any number of relays (one per node) share the table
 * without claiming the same row; publishes the rows durably through the bus, with the row id as the
 * message id; and deletes them in the same transaction once the bus acknowledged them. A relay that
 * dies between the acknowledgement and the commit leaves its rows to be published again, and the
 * bus's idempotent publish answers those with the stored copy: each row is stored once (as long as
 * the bus's dedup window knows the id; the broker's is per node today, see docs/storage.md).
 *
 * <p>A row the bus refuses for good (an invalid topic, a schema violation) is parked with the error
 * instead of blocking the table; one it cannot take now (unavailable, time-out) stays for a later
 * round. Rows of one batch are published in {@code seq} order; a row that has to wait for a later
 * round can be overtaken, and rows claimed by different relays have no order between them.
 */
public final class OutboxRelay implements AutoCloseable {
    static final String THREAD_NAME = "kmb-outbox-relay";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    /** What the relay did so far. */
    public record Stats(long published, long parked) {
    }

    private final String url;
    private final String jdbcUrl;
    private final Bus bus;
    private final OutboxRelayOptions options;
    private final String table;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private Connection connection;
    private PostgresNotifier notifier;
    private Thread thread;
    private volatile boolean running = true;
    private volatile boolean backOff;

    private OutboxRelay(String jdbcUrl, Bus bus, OutboxRelayOptions options) {
        this.url = PostgresErrors.describe(jdbcUrl);
        this.jdbcUrl = jdbcUrl;
        this.bus = bus;
        this.options = options;
        this.table = PostgresSchema.quoted(options.schema()) + ".outbox";
    }

    /** A relay that runs only when {@link #relayOnce()} is called; creates the outbox table if absent. */
    public static OutboxRelay create(String jdbcUrl, Bus bus, OutboxRelayOptions options) {
        OutboxRelay relay = new OutboxRelay(Objects.requireNonNull(jdbcUrl, "jdbcUrl"), Objects.requireNonNull(bus, "bus"),
                Objects.requireNonNull(options, "options"));
        relay.run("create the outbox", c -> {
            Outbox.ensure(c, options.schema(), options.channel());
            return null;
        });
        return relay;
    }

    /**
     * A relay with a thread of its own ({@value #THREAD_NAME}), woken by the outbox trigger's NOTIFY
     * and, failing that, every {@code pollInterval}.
     */
    public static OutboxRelay start(String jdbcUrl, Bus bus, OutboxRelayOptions options) {
        OutboxRelay relay = create(jdbcUrl, bus, options);
        relay.notifier = new PostgresNotifier(relay.url, relay::open);
        relay.notifier.listen(options.channel(), relay.wake::release, options.connectTimeout());
        relay.thread = Thread.ofPlatform().name(THREAD_NAME).daemon().start(relay::loop);
        return relay;
    }

    public Stats stats() {
        return new Stats(published.get(), parked.get());
    }

    /**
     * Claims one batch, publishes it, deletes what the bus took and parks what it refused, in one
     * transaction; returns how many rows it settled (published or parked).
     */
    public synchronized int relayOnce() {
        return run("relay the outbox", c -> {
            Map<String, Envelope> envelopes = new LinkedHashMap<>();
            Map<String, String> refused = new LinkedHashMap<>();
            claim(c, envelopes, refused);
            Map<String, CompletableFuture<PublishAck>> acks = new LinkedHashMap<>();
            envelopes.forEach((id, envelope) -> acks.put(id, publish(envelope)));
            List<String> done = new ArrayList<>();
            long deadline = System.nanoTime() + options.publishTimeout().toNanos();
            for (Map.Entry<String, CompletableFuture<PublishAck>> ack : acks.entrySet()) {
                String outcome = await(ack.getValue(), deadline);
                if (outcome == null) {
                    done.add(ack.getKey());
                } else if (!outcome.isEmpty()) {
                    refused.put(ack.getKey(), outcome);
                }
            }
            settle(c, done, refused);
            c.commit();
            published.addAndGet(done.size());
            parked.addAndGet(refused.size());
            return done.size() + refused.size();
        });
    }

    private void claim(Connection c, Map<String, Envelope> envelopes, Map<String, String> refused) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + Outbox.COLUMNS + " FROM " + table
                + " WHERE parked_at IS NULL ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setInt(1, options.batchSize());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String id = row.getString("id");
                    try {
                        envelopes.put(id, Outbox.envelope(row));
                    } catch (KmbException | IllegalArgumentException e) {
                        refused.put(id, "not a valid message: " + e.getMessage());
                    }
                }
            }
        }
    }

    private CompletableFuture<PublishAck> publish(Envelope envelope) {
        try {
            return bus.publish(envelope, PublishOptions.DURABLE);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Null when the bus took the message; the reason when it refused it for good; "" to try again later. */
    private String await(CompletableFuture<PublishAck> ack, long deadline) throws InterruptedException {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KmbException refusal && isPermanent(refusal.code())) {
                return refusal.code().wireName() + ": " + refusal.getMessage();
            }
            LOG.warn("the bus could not take an outbox message now; it stays for a later round: {}",
                    e.getCause().getMessage());
        } catch (TimeoutException e) {
            LOG.warn("the bus did not acknowledge an outbox message within {} ms; it stays for a later round",
                    options.publishTimeout().toMillis());
        }
        backOff = true;
        return "";
    }

    /** Refusals that would come again on every try. */
    private static boolean isPermanent(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST, SCHEMA_INVALID, TOO_LARGE, FORBIDDEN, UNAUTHORIZED, NOT_FOUND, NO_RESPONDERS -> true;
            case UNAVAILABLE, RATE_LIMITED, INTERNAL, TIMEOUT -> false;
        };
    }

    private void settle(Connection c, List<String> done, Map<String, String> refused) throws SQLException {
        if (!done.isEmpty()) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ANY (?)")) {
                delete.setArray(1, c.createArrayOf("text", done.toArray()));
                delete.executeUpdate();
            }
        }
        if (!refused.isEmpty()) {
            try (PreparedStatement park = c.prepareStatement("UPDATE " + table
                    + " SET parked_at = now(), last_error = ? WHERE id = ?")) {
                for (Map.Entry<String, String> entry : refused.entrySet()) {
                    LOG.error("outbox row {} parked: {}", entry.getKey(), entry.getValue());
                    park.setString(1, entry.getValue());
                    park.setString(2, entry.getKey());
                    park.addBatch();
                }
                park.executeBatch();
            }
        }
    }

    private void loop() {
        while (running) {
            int settled;
            try {
                settled = relayOnce();
            } catch (KmbException e) {
                LOG.warn("outbox relay on {}: {}", url, e.getMessage());
                settled = 0;
                backOff = true;
            }
            try {
                if (backOff) {
                    backOff = false;
                    Thread.sleep(options.retryDelay());
                } else if (settled < options.batchSize()) {
                    // Nothing more now: wait for the trigger's NOTIFY, or look again after the poll interval.
                    wake.tryAcquire(options.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection connection) throws SQLException, InterruptedException;
    }

    /** Runs work on the relay's connection in a transaction; reconnects after the connection was lost. */
    private synchronized <T> T run(String action, Work<T> work) {
        try {
            if (connection == null) {
                connection = open();
                connection.setAutoCommit(false);
            }
            return work.apply(connection);
        } catch (SQLException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            boolean lost = false;
            if (connection != null) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // Broken; dropped below.
                }
                lost = PostgresErrors.isLost(e, connection);
                if (lost) {
                    PostgresSchema.closeQuietly(connection);
                    connection = null;
                }
            }
            throw PostgresErrors.failure(url, action, e, lost);
        }
    }

    private Connection open() throws SQLException {
        return PostgresSchema.connect(jdbcUrl, options.schema(), "outbox-relay", options.connectTimeout(),
                options.publishTimeout().plus(options.connectTimeout()));
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (notifier != null) {
            notifier.close();
        }
        synchronized (this) {
            PostgresSchema.closeQuietly(connection);
            connection = null;
        }
    }
}
