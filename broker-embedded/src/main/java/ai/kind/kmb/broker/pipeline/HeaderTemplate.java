package ai.kind.kmb.broker.pipeline;

import ai.kind.kmb.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A header value in a configured step: a constant, or text with placeholders filled per message:
 * {@code ${received_time}} (the broker's clock when the step ran, RFC 3339), {@code ${node_id}},
 * {@code ${topic}}, {@code ${message_id}} and {@code ${client_id}} (the verified sender, empty
 * when none).
 */
public record HeaderTemplate(String text) {
    public static final List<String> PLACEHOLDERS = List.of("received_time", "node_id", "topic", "message_id",
            "client_id");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    /** Refuses a placeholder this class cannot fill, naming it. */
    public HeaderTemplate {
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                throw new IllegalArgumentException("unknown placeholder ${" + matcher.group(1) + "}; known: "
                        + String.join(", ", PLACEHOLDERS.stream().map(name -> "${" + name + "}").toList()));
            }
        }
    }

    String render(Envelope message, Instant now, String nodeId) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "received_time" -> now.toString();
                case "node_id" -> nodeId;
                case "topic" -> message.topic();
                case "message_id" -> message.id();
                default -> message.metadata().auth() == null || message.metadata().auth().clientId() == null ? ""
                        : message.metadata().auth().clientId();
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
