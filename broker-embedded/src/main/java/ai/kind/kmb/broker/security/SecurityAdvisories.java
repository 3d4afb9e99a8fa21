package ai.kind.kmb.broker.security;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * Announces refusals on {@code _kmb.security.*} so that an operator sees probing and misconfigured
 * clients. Payloads name the client, the permission and the target, never a token or a secret.
 */
public final class SecurityAdvisories {
    public static final String DENIED = "_kmb.security.denied";
    public static final String UNAUTHORIZED = "_kmb.security.unauthorized";

    private final Consumer<Envelope> publisher;

    public SecurityAdvisories(Consumer<Envelope> publisher) {
        this.publisher = publisher;
    }

    void denied(String clientId, String permission, String target) {
        ObjectNode payload = Json.object().put("client_id", clientId).put("permission", permission)
                .put("target", target);
        publisher.accept(Envelope.event(DENIED, payload));
    }

    void unauthorized(String connection, String field, String reason) {
        ObjectNode payload = Json.object().put("connection", connection).put("field", field).put("reason", reason);
        publisher.accept(Envelope.event(UNAUTHORIZED, payload));
    }
}
