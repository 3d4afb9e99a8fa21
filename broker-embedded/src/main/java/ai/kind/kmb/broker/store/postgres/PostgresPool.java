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
 * once PostgreSQL is back: the failed call reports {@code unavailable}, the next one reconnects.
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

    private final String url;
    private final Opener opener;
    private final Semaphore permits;
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
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
            connection = idle.poll();
            if (connection == null) {
                connection = opener.open();
            }
            return work.apply(connection);
        } catch (SQLException | RuntimeException e) {
            if (connection != null && PostgresErrors.isConnectionLost(e)) {
                PostgresSchema.closeQuietly(connection);
                connection = null;
            }
            throw PostgresErrors.failure(url, action, e);
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

    private void giveBack(Connection connection) {
        if (connection == null) {
            return;
        }
        if (closed) {
            PostgresSchema.closeQuietly(connection);
        } else {
            idle.offer(connection);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            PostgresSchema.closeQuietly(connection);
        }
    }
}
