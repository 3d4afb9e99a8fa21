package ai.kind.kmb.broker.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A few connections for reads and synchronous writes. A JDBC connection serves one thread at a
 * time, hence the pool. Connections open on demand, and one that broke (the server restarted, the
 * network dropped) is thrown away rather than handed out again, so the store recovers by itself
 * once PostgreSQL is back: the failed call reports {@code unavailable}, the next one reconnects
 * (the idle connections are dropped with the broken one, since they broke with it).
 * A connection that sat idle for over {@value #CHECK_AFTER_IDLE_MILLIS} ms is checked before it is
 * handed out (one round trip), so one that broke while nobody used it, as every idle connection
 * does when the server restarts, fails no call at all.
 */
final class PostgresPool implements AutoCloseable {
    /** Work on a borrowed connection, in autocommit mode unless it says otherwise. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Opens a new connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private static final long CHECK_AFTER_IDLE_MILLIS = 1_000;
    private static final int CHECK_TIMEOUT_SECONDS = 5;

    /** A connection waiting for its next use, and since when (System.nanoTime). */
    private record Idle(Connection connection, long since) {
    }

    private final String url;
    private final Opener opener;
    private final Semaphore permits;
    private final BlockingQueue<Idle> idle = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    PostgresPool(String url, int size, Opener opener) {
        this.url = url;
        this.opener = opener;
        this.permits = new Semaphore(size, true);
    }

    /** Runs one unit of work; failures come back as {@code KmbException}s saying what {@code action} was. */
    <T> T run(String action, Work<T> work) {
        acquire(action);
        Connection connection = null;
        try {
            connection = borrow();
            return work.apply(connection);
        } catch (SQLException | RuntimeException e) {
            boolean lost = connection != null && PostgresErrors.isLost(e, connection);
            if (lost) {
                PostgresSchema.closeQuietly(connection);
                connection = null;
                // The server most likely restarted or dropped every connection: the idle ones are
                // as dead as this one, and each would fail one more call.
                discardIdle();
            }
            throw PostgresErrors.failure(url, action, e, lost);
        } finally {
            giveBack(connection);
            permits.release();
        }
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    <T> T transaction(String action, Work<T> work) {
        return run(action, connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // The connection is broken; run() throws it away.
                }
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // As above.
                }
            }
        });
    }

    /** Waits for a permit, waking now and then so that a caller waiting when the store closes learns of it. */
    private void acquire(String action) {
        try {
            while (true) {
                if (closed) {
                    throw PostgresErrors.closed(url);
                }
                if (permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (closed) {
                        permits.release();
                        throw PostgresErrors.closed(url);
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PostgresErrors.failure(url, action, e);
        }
    }

    /** An idle connection that still works, or a new one. */
    private Connection borrow() throws SQLException {
        for (Idle next = idle.poll(); next != null; next = idle.poll()) {
            boolean fresh = System.nanoTime() - next.since() < TimeUnit.MILLISECONDS.toNanos(CHECK_AFTER_IDLE_MILLIS);
            if (fresh || next.connection().isValid(CHECK_TIMEOUT_SECONDS)) {
                return next.connection();
            }
            PostgresSchema.closeQuietly(next.connection());
        }
        return opener.open();
    }

    private void giveBack(Connection connection) {
        if (connection == null) {
            return;
        }
        if (closed) {
            PostgresSchema.closeQuietly(connection);
        } else {
            idle.offer(new Idle(connection, System.nanoTime()));
        }
    }

    @Override
    public void close() {
        closed = true;
        discardIdle();
    }

    private void discardIdle() {
        for (Idle next = idle.poll(); next != null; next = idle.poll()) {
            PostgresSchema.closeQuietly(next.connection());
        }
    }
}
