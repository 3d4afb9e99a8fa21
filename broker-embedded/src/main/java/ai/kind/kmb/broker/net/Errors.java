package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps failures to the protocol's errors: the same code and details on a socket and over REST. */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    /**
     * The failure as the client should see it. A {@link KmbException} says what was wrong and goes
     * out as it is; anything else is a bug or an outage here, logged in full and answered as
     * {@code internal} without internals a client could not act on.
     */
    static KmbException toKmb(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof KmbException known) {
            return known;
        }
        LOG.error("unexpected failure answered as internal", cause);
        return new KmbException(ErrorCode.INTERNAL, "internal error (" + cause.getClass().getSimpleName()
                + "); the server log has the details");
    }

    /** The REST error body: {@code {"code","message","details"}}. */
    static ObjectNode body(KmbException failure) {
        ObjectNode body = Json.object();
        body.put("code", failure.code().wireName());
        body.put("message", failure.getMessage());
        ArrayNode details = body.putArray("details");
        failure.details().forEach(detail -> details.addObject().put("field", detail.field())
                .put("reason", detail.reason()));
        return body;
    }

    static KmbException unavailable(String message) {
        return new KmbException(ErrorCode.UNAVAILABLE, message);
    }
}
