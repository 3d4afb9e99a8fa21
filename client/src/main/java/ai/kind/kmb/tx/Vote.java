package ai.kind.kmb.tx;

import ai.kind.kmb.request.Replies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** A participant's answer to {@code prepare}: yes, or no with a reason. */
public record Vote(boolean accepted, String reason) {
    public static Vote yes() {
        return new Vote(true, null);
    }

    public static Vote no(String reason) {
        return new Vote(false, reason);
    }

    String status() {
        return accepted ? TxPhase.YES : TxPhase.NO;
    }

    JsonNode payload() {
        return accepted ? NullNode.getInstance() : Replies.reasonPayload(reason);
    }
}
