package ai.kind.kmb.remote;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.protocol.Frame;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The failures the remote client reports, built in one place so that their messages agree. */
final class Failures {
    private Failures() {
    }

    /** The connection went away before the answer came; whether the server acted is unknown. */
    static final class LinkLost extends KmbException {
        LinkLost(String why) {
            super(ErrorCode.UNAVAILABLE, "connection lost: " + why);
        }
    }

    static KmbException fromErrorFrame(Frame.Error error) {
        String message = error.message() == null ? error.code() : error.message();
        return new KmbException(ErrorCode.fromWireName(error.code()), message, error.details());
    }

    static KmbException closed() {
        return new KmbException(ErrorCode.UNAVAILABLE, "the KMB client is closed");
    }

    static KmbException noConnection(String what, Duration waited, Throwable lastError) {
        String reason = lastError == null ? "" : " (last attempt: " + describe(lastError) + ")";
        return new KmbException(ErrorCode.UNAVAILABLE, what + " failed: not connected to the KMB server within "
                + waited.toMillis() + " ms" + reason);
    }

    static KmbException tooManyWaiting(String what, int max) {
        return new KmbException(ErrorCode.UNAVAILABLE, what + " failed: not connected to the KMB server and "
                + max + " calls are already waiting for the connection");
    }

    static KmbException noAnswer(String what, Duration waited) {
        return new KmbException(ErrorCode.UNAVAILABLE, what + " failed: no answer from the KMB server within "
                + waited.toMillis() + " ms");
    }

    static KmbException unexpected(String what, Frame answer) {
        return new KmbException(ErrorCode.INTERNAL, what + " failed: the server answered with '" + answer.op() + "'");
    }

    /** Unwraps the wrappers futures add and turns anything foreign into a KmbException. */
    static KmbException asKmb(Throwable error, String what, Duration timeout) {
        Throwable cause = unwrap(error);
        if (cause instanceof KmbException kmb) {
            return kmb;
        }
        if (cause instanceof TimeoutException) {
            return noAnswer(what, timeout);
        }
        return new KmbException(ErrorCode.UNAVAILABLE, what + " failed: " + describe(cause), java.util.List.of(),
                cause);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
