package ai.kind.kmb.broker.store.sqlite;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** Turns SQLite's failures into errors that name the file and say what went wrong in words. */
final class SqliteErrors {
    // SQLite's primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int NOMEM = 7;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int NOTADB = 26;

    private SqliteErrors() {
    }

    /** A failure to {@code action}: {@code unavailable} when the disk or file is at fault, else {@code internal}. */
    static KmbException failure(Path file, String action, Throwable cause) {
        if (cause instanceof KmbException kmb) {
            return kmb;
        }
        String message = "message store " + file + ": could not " + action + ": " + describe(cause);
        // The disk, the file or another process is at fault: the caller may try again later. Anything
        // else (a constraint, a row that does not decode) is a bug and says so.
        boolean environmental = cause instanceof SQLException sql ? isEnvironmental(sql)
                : cause instanceof InterruptedException || cause instanceof java.io.IOException;
        return new KmbException(environmental ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL, message, List.of(), cause);
    }

    /** True when another connection or process holds the database: retrying each write alone would not help. */
    static boolean isLocked(Throwable cause) {
        return cause instanceof SQLException sql && (primaryCode(sql) == BUSY || primaryCode(sql) == LOCKED);
    }

    static KmbException closed(Path file) {
        return new KmbException(ErrorCode.UNAVAILABLE, "message store " + file + " is closed");
    }

    static boolean isNotADatabase(SQLException e) {
        int code = primaryCode(e);
        return code == NOTADB || code == CORRUPT;
    }

    private static boolean isEnvironmental(SQLException e) {
        return switch (primaryCode(e)) {
            case BUSY, LOCKED, NOMEM, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB -> true;
            default -> false;
        };
    }

    private static String describe(Throwable cause) {
        if (!(cause instanceof SQLException sql)) {
            return String.valueOf(cause);
        }
        String what = switch (primaryCode(sql)) {
            case FULL -> "the disk is full or the database reached its size limit";
            case IOERR -> "an I/O error";
            case CORRUPT, NOTADB -> "the file is not a SQLite database or is damaged";
            case READONLY -> "the file is read-only";
            case CANTOPEN -> "the file cannot be opened";
            case BUSY, LOCKED -> "the database is locked by another connection or process";
            case NOMEM -> "SQLite ran out of memory";
            default -> "SQLite error " + sql.getErrorCode();
        };
        return what + " (" + sql.getMessage() + ")";
    }

    private static int primaryCode(SQLException e) {
        return e.getErrorCode() & 0xff;
    }
}
