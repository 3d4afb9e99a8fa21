package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.security.Identity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * One REST request as the resources see it: no Netty types, so they are plain to test. Parameter
 * readers refuse bad values with {@code bad_request} naming the parameter. {@code caller} is who
 * the Authorization header proves, or null when there is none (only public routes then answer);
 * {@code client} names the caller for per-client rate limits (its HTTP connection); {@code headers}
 * are keyed by lower-case name.
 */
record RestRequest(String method, String path, Map<String, List<String>> query, Map<String, String> pathParams,
                   byte[] body, Identity caller, String client, Map<String, String> headers) {

    /** A request header by its lower-case name, or null. */
    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    String pathParam(String name) {
        return pathParams.get(name);
    }

    String text(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.getFirst().isEmpty() ? null : values.getFirst();
    }

    TopicFilter filter(String name) {
        String text = text(name);
        try {
            return text == null ? null : TopicFilter.parse(text);
        } catch (InvalidTopicException e) {
            throw bad(name, e.details().isEmpty() ? e.getMessage() : e.details().getFirst().reason());
        }
    }

    Instant time(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(name, "must be an RFC 3339 time such as 2025-06-20T15:42:00Z, got '" + text + "'");
        }
    }

    long wholeNumber(String name, long fallback, long min, long max) {
        String text = text(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Falls through to the refusal, which says what is accepted.
        }
        throw bad(name, "must be a whole number from " + min + " to " + max + ", got '" + text + "'");
    }

    Boolean bool(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(name, "must be true or false, got '" + text + "'");
        };
    }

    static KmbException bad(String field, String reason) {
        return new KmbException(ErrorCode.BAD_REQUEST, field + " " + reason, List.of(new ErrorDetail(field, reason)));
    }
}
