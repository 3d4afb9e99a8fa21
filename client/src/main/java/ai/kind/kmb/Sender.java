package ai.kind.kmb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who sent a message: the one rule every tool that names senders uses (the Studio's trace lanes
 * among them). The identity the broker verified, {@code metadata.auth.client_id}, wins: it is
 * stamped from the client's token and a client cannot forge it. Otherwise the name the agent gives
 * itself in the {@value #HEADER} header, which is what an agent on a bus without authentication
 * has to go by. A message with neither names no sender.
 */
public final class Sender {
    /** The header an agent names itself in: {@code metadata.headers.agent}. */
    public static final String HEADER = "agent";

    private Sender() {
    }

    public static Optional<String> of(Envelope message) {
        return of(message.metadata());
    }

    public static Optional<String> of(Metadata metadata) {
        if (metadata.auth() != null && notBlank(metadata.auth().clientId())) {
            return Optional.of(metadata.auth().clientId());
        }
        return Optional.ofNullable(metadata.headers().get(HEADER)).filter(Sender::notBlank);
    }

    /** {@code metadata} with its {@value #HEADER} header set to {@code agent}, keeping the other headers. */
    public static Metadata named(Metadata metadata, String agent) {
        if (!notBlank(agent)) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "an agent name must not be blank",
                    List.of(new ErrorDetail("metadata.headers." + HEADER, "blank")));
        }
        Map<String, String> headers = new LinkedHashMap<>(metadata.headers());
        headers.put(HEADER, agent);
        return metadata.withHeaders(headers);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
