package ai.kind.kmb.broker.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A few read-only connections shared by every reading thread. In WAL mode each one reads the last
 * committed state without waiting for the writer, and the writer never waits for them. A JDBC
 * connection is not safe for two threads at once, hence the pool rather than one shared connection.
 */
final class ReaderPool implements AutoCloseable {
    /** Work done on a borrowed connection. */
    @FunctionalInterface
    interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final Path file;
    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    ReaderPool(Path file, List<Connection> connections) {
        this.file = file;
        this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
    }

    /** Runs one statement's worth of reading; each statement sees the latest commit. */
    <T> T read(String action, Read<T> work) {
        Connection connection = borrow();
        try {
            return work.apply(connection);
        } catch (SQLException | RuntimeException e) {
            throw SqliteErrors.failure(file, action, e);
        } finally {
            giveBack(connection);
        }
    }

    /** Runs several statements in one read transaction, so together they see a single commit. */
    <T> T readSnapshot(String action, Read<T> work) {
        return read(action, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN");
                try {
                    return work.apply(connection);
                } finally {
                    statement.execute("COMMIT");
                }
            }
        });
    }

    private Connection borrow() {
        try {
            while (true) {
                if (closed) {
                    throw SqliteErrors.closed(file);
                }
                // Wake up now and then, so a reader waiting when the store closes learns of it.
                Connection connection = idle.poll(100, TimeUnit.MILLISECONDS);
                if (connection != null) {
                    return connection;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SqliteErrors.failure(file, "wait for a read connection", e);
        }
    }

    private void giveBack(Connection connection) {
        idle.offer(connection);
        if (closed) {
            closeIdle();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    /** Closes what is idle now; connections still lent out are closed as they come back. */
    private void closeIdle() {
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            SqliteSchema.closeQuietly(connection);
        }
    }
}
