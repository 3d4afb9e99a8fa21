package ai.kind.kmb.tx;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The messages of the vote, as docs/semantics.md specifies them: type {@code transactional} with
 * {@code metadata.status} {@code prepare}, {@code commit} or {@code rollback} and the transaction id
 * in {@code metadata.headers.kmb_tx}; votes are replies with status {@code yes} or {@code no}.
 */
public final class TxPhase {
    public static final String HEADER = "kmb_tx";
    public static final String PREPARE = "prepare";
    public static final String COMMIT = "commit";
    public static final String ROLLBACK = "rollback";
    public static final String YES = "yes";
    public static final String NO = "no";

    private TxPhase() {
    }

    static Envelope message(String topic, String transactionId, String phase, ObjectNode payload) {
        payload.put("tx", transactionId);
        Metadata metadata = Metadata.EMPTY.withStatus(phase).withHeaders(Map.of(HEADER, transactionId));
        return Envelope.of(topic, MessageType.TRANSACTIONAL, payload, metadata);
    }

    static ObjectNode payload() {
        return Json.object();
    }
}
