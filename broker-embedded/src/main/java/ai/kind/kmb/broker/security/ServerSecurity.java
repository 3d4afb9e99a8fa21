package ai.kind.kmb.broker.security;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.TopicFilter;
import java.time.Clock;
import java.util.List;

/**
 * Authentication and authorization for one server: who a token proves, what they may do, and the
 * refusals ({@code unauthorized}, {@code forbidden}) with their announcements. Without auth settings
 * every caller is {@link Identity#open open}.
 */
public final class ServerSecurity {
    public static final String PUBLISH = "publish";
    public static final String SUBSCRIBE = "subscribe";
    public static final String ADMIN = "admin";
    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;
    private final SecurityAdvisories advisories;

    private ServerSecurity(TokenVerifier verifier, SecurityAdvisories advisories) {
        this.verifier = verifier;
        this.advisories = advisories;
    }

    public static ServerSecurity of(AuthSettings settings, Clock clock, SecurityAdvisories advisories) {
        return new ServerSecurity(settings.enabled() ? new TokenVerifier(settings, clock) : null, advisories);
    }

    public boolean required() {
        return verifier != null;
    }

    /**
     * The identity of a {@code hello}: the token's when auth is on (a bad token is refused and
     * announced); the name the client gave, or the connection's, when it is off.
     */
    public Identity authenticate(String token, String claimedClientId, String connectionId) {
        if (verifier == null) {
            return Identity.open(claimedClientId == null || claimedClientId.isBlank() ? connectionId : claimedClientId);
        }
        try {
            return verifier.verify(token);
        } catch (KmbException refused) {
            ErrorDetail detail = refused.details().isEmpty() ? new ErrorDetail("token", refused.getMessage())
                    : refused.details().getFirst();
            advisories.unauthorized(connectionId, detail.field(), detail.reason());
            throw refused;
        }
    }

    /**
     * The identity of an HTTP request (REST or the WebSocket upgrade) from its Authorization header;
     * null when the header is absent and auth is on, so a WebSocket can still say {@code hello}.
     */
    public Identity fromAuthorization(String header, String connectionId) {
        if (verifier == null) {
            return Identity.open(connectionId);
        }
        if (header == null || header.isBlank()) {
            return null;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw TokenVerifier.unauthorized("Authorization", "must be 'Bearer <jwt>'");
        }
        return authenticate(header.substring(BEARER.length()), null, connectionId);
    }

    /** For REST: refuses a request that carries no token when auth is on. */
    public Identity requireCaller(String header, String connectionId) {
        Identity caller = fromAuthorization(header, connectionId);
        if (caller == null) {
            advisories.unauthorized(connectionId, "Authorization", "missing");
            throw TokenVerifier.unauthorized("Authorization", "is missing: send 'Authorization: Bearer <jwt>'");
        }
        return caller;
    }

    public void requirePublish(Identity caller, String topic) {
        if (!caller.permissions().mayPublish(topic)) {
            throw deny(caller, PUBLISH, topic);
        }
    }

    public void requireSubscribe(Identity caller, TopicFilter filter) {
        if (!caller.permissions().maySubscribeFilter(filter, caller.clientId())) {
            throw deny(caller, SUBSCRIBE, filter.text());
        }
    }

    /**
     * Refuses unless the caller may receive every topic the filter matches (not merely some, as a
     * {@code sub} needs); {@code use} ends the refusal, saying what needs them all.
     */
    public void requireSubscribeAll(Identity caller, TopicFilter filter, String use) {
        if (!caller.permissions().maySubscribeAll(filter, caller.clientId())) {
            throw refuse(caller, SUBSCRIBE, filter.text(), "all of '" + filter.text() + "', " + use);
        }
    }

    /** Refuses unless the caller may publish to every topic the filter matches; {@code use} as above. */
    public void requirePublishAll(Identity caller, TopicFilter filter, String use) {
        if (!caller.permissions().mayPublishAll(filter)) {
            throw refuse(caller, PUBLISH, filter.text(), "all of '" + filter.text() + "', " + use);
        }
    }

    public void requireAdmin(Identity caller, String what) {
        if (!caller.permissions().isAdmin()) {
            throw deny(caller, ADMIN, what);
        }
    }

    /** True if the caller may receive a message on this topic (checked at every delivery). */
    public static boolean mayReceive(Identity caller, String topic) {
        return caller.permissions().maySubscribe(topic, caller.clientId());
    }

    /** The message as published by this caller: {@code metadata.auth} is the server's word, not the client's. */
    public static Envelope stamp(Identity caller, Envelope message) {
        return message.withMetadata(message.metadata().withAuth(auth(caller)));
    }

    /** The caller as {@code metadata.auth} names a publisher. */
    public static Metadata.Auth auth(Identity caller) {
        return new Metadata.Auth(caller.issuer(), caller.clientId());
    }

    private KmbException deny(Identity caller, String permission, String target) {
        return refuse(caller, permission, target, "'" + target + "'");
    }

    /**
     * The {@code forbidden} answer, announced: {@code target} is the topic, filter or route as the
     * announcement names it; {@code what} says it for a person, after "lacks the P permission for".
     */
    public KmbException refuse(Identity caller, String permission, String target, String what) {
        advisories.denied(caller.clientId(), permission, target);
        String reason = "client '" + caller.clientId() + "' lacks the " + permission + " permission for " + what;
        return new KmbException(ErrorCode.FORBIDDEN, reason, List.of(new ErrorDetail(permission, reason)));
    }
}
