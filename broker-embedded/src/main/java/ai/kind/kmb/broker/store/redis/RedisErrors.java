package ai.kind.kmb.broker.store.redis;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns Lettuce's failures into errors that name the Redis server (never its password) and say
 * what went wrong. Redis being away, slow, full or restarting is {@code unavailable}: the caller
 * may try again later. Anything else (a script bug, a value that does not decode) is {@code internal}.
 */
final class RedisErrors {
    /** The prefix the append script answers with when the store's keys have vanished. */
    static final String LOST = "KMBLOST";

    private RedisErrors() {
    }

    /** The server's address as a person reads it: scheme, host, port and database, without credentials. */
    static String describe(RedisURI uri) {
        String scheme = uri.isSsl() ? "rediss" : "redis";
        String where = uri.getSocket() != null ? uri.getSocket() : uri.getHost() + ":" + uri.getPort();
        return scheme + "://" + where + "/" + uri.getDatabase();
    }

    static KmbException failure(String url, String action, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof KmbException kmb) {
            return kmb;
        }
        String what = explain(cause);
        boolean environmental = what != null;
        String message = "message store " + url + ": could not " + action + ": "
                + (environmental ? what : String.valueOf(cause));
        return new KmbException(environmental ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL, message, List.of(), cause);
    }

    static KmbException closed(String url) {
        return new KmbException(ErrorCode.UNAVAILABLE, "message store " + url + " is closed");
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static boolean isNoScript(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof RedisCommandExecutionException && String.valueOf(cause.getMessage()).startsWith("NOSCRIPT");
    }

    /** Words for a failure of the environment, or null when the failure is a bug. */
    private static String explain(Throwable cause) {
        String text = String.valueOf(cause.getMessage());
        if (cause instanceof RedisConnectionException) {
            return "Redis is not reachable (" + rootMessage(cause) + ")";
        }
        if (cause instanceof RedisCommandTimeoutException) {
            return "Redis did not answer in time (" + text + ")";
        }
        if (cause instanceof RedisCommandInterruptedException || cause instanceof InterruptedException) {
            return "interrupted while waiting for Redis";
        }
        if (cause instanceof RedisCommandExecutionException) {
            if (text.startsWith(LOST)) {
                return "Redis lost the store's data (restarted without persistence, flushed or evicted?); "
                        + "offsets would be given out again, so appends are refused until the store is reopened";
            }
            if (text.startsWith("OOM")) {
                return "Redis is out of memory (" + text + ")";
            }
            if (text.startsWith("LOADING") || text.startsWith("BUSY") || text.startsWith("READONLY")
                    || text.startsWith("MASTERDOWN") || text.startsWith("TRYAGAIN") || text.startsWith("CLUSTERDOWN")) {
                return "Redis cannot serve writes now (" + text + ")";
            }
            return null;
        }
        if (cause instanceof RedisException || cause instanceof IOException) {
            // Not connected (commands are rejected while reconnecting), connection closed, queue full.
            return text.contains("queue size") ? "too many commands are waiting for Redis; try again later (" + text + ")"
                    : "Redis connection problem (" + text + ")";
        }
        return null;
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? String.valueOf(cause.getMessage()) : cause.getMessage() + ": " + root.getMessage();
    }
}
