package ai.kind.kmb;

import java.util.List;

/** A topic name or filter that breaks the naming rules; the message says which rule and where. */
public final class InvalidTopicException extends KmbException {
    public InvalidTopicException(String text, String reason) {
        super(ErrorCode.BAD_REQUEST, "invalid topic '" + abbreviate(text) + "': " + reason,
                List.of(new ErrorDetail("topic", reason)));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
