package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Turns the driver's failures into errors that name the database (never its password) and say what
 * went wrong in words. The SQLSTATE class says whose fault it is: the server being away, full,
 * shutting down or refusing us is {@code unavailable} (try again later); anything else is a bug and
 * {@code internal}.
 */
final class PostgresErrors {
    private PostgresErrors() {
    }

    /** {@code jdbc:postgresql://host:port/db}, without user, password or other parameters. */
    static String describe(String jdbcUrl) {
        String withoutParameters = jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?')) : jdbcUrl;
        return withoutParameters.replaceFirst("//[^/@]*@", "//");
    }

    static KmbException failure(String url, String action, Throwable cause) {
        return failure(url, action, cause, false);
    }

    /**
     * The same, for a failure after which the connection was found broken ({@link #isLost}): whatever
     * the driver threw, the server or the network went away under it, which is {@code unavailable}.
     */
    static KmbException failure(String url, String action, Throwable cause, boolean connectionLost) {
        if (cause instanceof KmbException kmb) {
            return kmb;
        }
        String what = explain(cause);
        if (what == null && connectionLost) {
            what = "the connection to PostgreSQL broke (" + cause + ")";
        }
        String message = "message store " + url + ": could not " + action + ": "
                + (what != null ? what : String.valueOf(cause.getMessage()));
        return new KmbException(what != null ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL, message, List.of(), cause);
    }

    static KmbException closed(String url) {
        return new KmbException(ErrorCode.UNAVAILABLE, "message store " + url + " is closed");
    }

    /**
     * True when {@code connection} is gone or unusable after {@code cause}, so it must be replaced,
     * not reused: the SQLSTATE says so, or the driver closed the connection itself, as it does on an
     * I/O error whatever it then reports.
     */
    static boolean isLost(Throwable cause, Connection connection) {
        if (isConnectionLost(cause)) {
            return true;
        }
        try {
            return connection != null && connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** True when the failure's SQLSTATE says the connection itself is gone or unusable. */
    static boolean isConnectionLost(Throwable cause) {
        String state = sqlState(cause);
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /** Words for a failure of the environment, or null when it is a bug. */
    private static String explain(Throwable cause) {
        if (cause instanceof InterruptedException) {
            return "interrupted while waiting for PostgreSQL";
        }
        String state = sqlState(cause);
        if (state == null) {
            return null;
        }
        String detail = " (" + cause.getMessage() + ")";
        return switch (state.substring(0, 2)) {
            case "08" -> "PostgreSQL is not reachable or the connection broke" + detail;
            case "28" -> "PostgreSQL refused the credentials" + detail;
            case "3D" -> "the database does not exist" + detail;
            case "53" -> "PostgreSQL is out of resources (disk, memory or connections)" + detail;
            case "57" -> state.equals("57014") ? "the statement timed out or was cancelled" + detail
                    : "PostgreSQL is shutting down or not accepting connections" + detail;
            case "40" -> "the transaction was aborted by a conflict with another node; try again" + detail;
            case "25" -> state.equals("25006") ? "the database is read-only" + detail : null;
            case "55" -> state.equals("55P03") ? "a lock could not be taken in time" + detail : null;
            default -> null;
        };
    }

    private static String sqlState(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
