package ai.kind.kmb.ui.trace;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Sender;
import ai.kind.kmb.Topics;

/**
 * Which lane a message is drawn on: its sender by the SDK's one rule ({@link Sender}: the
 * broker-verified {@code metadata.auth.client_id}, else the {@code agent} header). A message that
 * names no sender is drawn on the lane of its topic's owner, the topic without its last segment
 * written as a filter ({@code orders.place} is on {@code orders.*}), since on most buses the prefix
 * names the service; a reply that names no sender goes on the lane of whoever serves the request's
 * topic, since that is who answered it.
 */
final class Agents {
    private Agents() {
    }

    static String of(Envelope message) {
        return Sender.of(message).orElseGet(() -> ofTopic(message.topic()));
    }

    /** The lane of a reply to {@code request}: its own sender, else whoever serves the request's topic. */
    static String ofReply(Envelope reply, Envelope request) {
        return Sender.of(reply).orElseGet(() -> ofTopic(request.topic()));
    }

    static String ofTopic(String topic) {
        int last = topic.lastIndexOf('.');
        if (last < 0) {
            return topic;
        }
        // Reply inboxes are one per asker; naming each would give every round trip a lane of its own.
        return Topics.isSystem(topic) ? topic.substring(0, topic.indexOf('.')) + ".*" : topic.substring(0, last) + ".*";
    }
}
