package ai.kind.kmb.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/** What a {@link QueryHandler} answers: a status and a payload. */
public record QueryAnswer(QueryStatus status, JsonNode payload) {
    public QueryAnswer {
        Objects.requireNonNull(status, "status");
        payload = payload == null ? NullNode.getInstance() : payload;
    }

    public static QueryAnswer data(JsonNode payload) {
        return new QueryAnswer(QueryStatus.DATA, payload);
    }

    public static QueryAnswer notFound() {
        return new QueryAnswer(QueryStatus.NOT_FOUND, null);
    }

    public static QueryAnswer error(String reason) {
        return new QueryAnswer(QueryStatus.ERROR, Replies.reasonPayload(reason));
    }
}
