package ai.kind.kmb.broker.pipeline;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.List;
import java.util.Map;

/** What a configured step does to the messages its filter matches. */
public sealed interface StepAction {

    /** Replaces each pointed-at value (pointers start at {@code /payload}) with {@code "[redacted]"}. */
    record Redact(List<JsonPointer> pointers) implements StepAction {
        public Redact {
            pointers = List.copyOf(pointers);
        }
    }

    /** Sets headers; with {@code overwrite} false only those the message does not have yet (enrich). */
    record SetHeaders(Map<String, HeaderTemplate> headers, boolean overwrite) implements StepAction {
        public SetHeaders {
            headers = Map.copyOf(headers);
        }
    }

    /** Publishes a copy (new id, header {@code kmb_copy_of}) on each topic; a copy is not copied again. */
    record CopyTo(List<String> topics) implements StepAction {
        public CopyTo {
            topics = List.copyOf(topics);
        }
    }

    /** Accepts the publish and keeps nothing. */
    record Drop() implements StepAction {
    }

    /** Logs the message: id, topic and type, or with {@code full} the whole envelope. */
    record Log(boolean full) implements StepAction {
    }
}
