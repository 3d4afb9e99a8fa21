package ai.kind.kmb.ui.trace;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Which agent a message belongs to: the lane it is drawn on. The rule, in order:
 * <ol>
 *   <li>{@code metadata.auth.client_id}: the identity the broker verified, which a sender cannot forge;</li>
 *   <li>the first non-blank header among {@code agent}, {@code sender}, {@code source}, {@code client_id}:
 *       what an agent on an unauthenticated bus says about itself;</li>
 *   <li>the first text among the payload's top-level {@code agent}, {@code sender}, {@code worker}: many agents
 *       sign their events in the body rather than the metadata;</li>
 *   <li>otherwise the topic without its last segment, written as a filter ({@code orders.place} is drawn on
 *       {@code orders.*}): on most buses the topic's prefix names the service that owns it.</li>
 * </ol>
 * A reply with no identity of its own is drawn on the lane of whoever serves the request's topic
 * (the last rule applied to the request's topic), since that is who answered it.
 */
final class Agents {
    static final List<String> IDENTITY_HEADERS = List.of("agent", "sender", "source", "client_id");
    static final List<String> IDENTITY_FIELDS = List.of("agent", "sender", "worker");

    private Agents() {
    }

    /** The sender's identity when the message names one (rules 1 to 3). */
    static Optional<String> identity(Envelope message) {
        Metadata metadata = message.metadata();
        if (metadata.auth() != null && notBlank(metadata.auth().clientId())) {
            return Optional.of(metadata.auth().clientId());
        }
        for (String header : IDENTITY_HEADERS) {
            String value = metadata.headers().get(header);
            if (notBlank(value)) {
                return Optional.of(value);
            }
        }
        for (String field : IDENTITY_FIELDS) {
            JsonNode value = message.payload().get(field);
            if (value != null && value.isTextual() && notBlank(value.asText())) {
                return Optional.of(value.asText());
            }
        }
        return Optional.empty();
    }

    /** The last rule: the lane a topic's owner is drawn on. */
    static String ofTopic(String topic) {
        int last = topic.lastIndexOf('.');
        if (last < 0) {
            return topic;
        }
        String prefix = topic.substring(0, last);
        // Reply inboxes are one per asker; naming each would give every round trip a lane of its own.
        return Topics.isSystem(topic) ? topic.substring(0, topic.indexOf('.')) + ".*" : prefix + ".*";
    }

    static String of(Envelope message) {
        return identity(message).orElseGet(() -> ofTopic(message.topic()));
    }

    /** The lane of a reply to {@code request}: its own identity, else whoever serves the request's topic. */
    static String ofReply(Envelope reply, Envelope request) {
        return identity(reply).orElseGet(() -> ofTopic(request.topic()));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
