package ai.kind.kmb.broker.net;

import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A REST answer: status, content type, body bytes and any further headers. */
record RestResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json";

    RestResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    RestResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new RestResponse(status, contentType, body, Map.copyOf(more));
    }

    static RestResponse json(int status, JsonNode body) {
        try {
            return new RestResponse(status, JSON, Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static RestResponse ok(JsonNode body) {
        return json(200, body);
    }

    /** The error body; a {@code rate_limited} one says when to come back in {@code Retry-After} too. */
    static RestResponse error(KmbException failure) {
        RestResponse response = json(failure.code().httpStatus(), Errors.body(failure));
        String retryAfter = RetryAfter.seconds(failure);
        return retryAfter == null ? response : response.withHeader("Retry-After", retryAfter);
    }

    static RestResponse text(int status, String contentType, String body) {
        return new RestResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static RestResponse noContent() {
        return new RestResponse(204, null, new byte[0]);
    }
}
