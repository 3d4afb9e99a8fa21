package ai.kind.kmb;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rules for topic names: segments of {@code [A-Za-z0-9_-]+} joined by dots, at most
 * {@value #MAX_SEGMENTS} segments and {@value #MAX_BYTES} bytes. Names starting with {@code _} are
 * system topics.
 */
public final class Topics {
    public static final int MAX_SEGMENTS = 16;
    public static final int MAX_BYTES = 255;
    public static final String SYSTEM_PREFIX = "_";

    private Topics() {
    }

    /** Returns the name if it is a valid topic, or throws an error that says which rule it breaks. */
    public static String requireValidName(String name) {
        if (isPlainName(name)) {
            return name;
        }
        List<String> segments = split(name);
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.equals("*") || segment.equals("#")) {
                throw new InvalidTopicException(name, "segment " + (i + 1) + " is the wildcard '" + segment
                        + "'; wildcards belong in subscription filters, not in the topic a message is published to");
            }
            requireLiteralSegment(name, segment, i);
        }
        return name;
    }

    /**
     * The names nearly every message has, checked in one pass without splitting: every message is
     * checked on the way in and out, and a refusal's explanation is left to the full checks.
     */
    private static boolean isPlainName(String name) {
        // ASCII only, so characters are bytes.
        if (name == null || name.isEmpty() || name.length() > MAX_BYTES) {
            return false;
        }
        int segments = 1;
        boolean segmentEmpty = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (segmentEmpty) {
                    return false;
                }
                segments++;
                segmentEmpty = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-') {
                segmentEmpty = false;
            } else {
                return false;
            }
        }
        return !segmentEmpty && segments <= MAX_SEGMENTS;
    }

    public static boolean isValidName(String name) {
        try {
            requireValidName(name);
            return true;
        } catch (InvalidTopicException e) {
            return false;
        }
    }

    public static boolean isSystem(String topic) {
        return topic.startsWith(SYSTEM_PREFIX);
    }

    /** Splits a name or filter into segments after the checks that names and filters share. */
    static List<String> split(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidTopicException(text == null ? "" : text, "is empty");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidTopicException(text, "is " + bytes + " bytes long; at most " + MAX_BYTES + " are allowed");
        }
        List<String> segments = List.of(text.split("\\.", -1));
        if (segments.size() > MAX_SEGMENTS) {
            throw new InvalidTopicException(text, "has " + segments.size() + " segments; at most " + MAX_SEGMENTS
                    + " are allowed");
        }
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).isEmpty()) {
                throw new InvalidTopicException(text, "segment " + (i + 1) + " is empty"
                        + (i == 0 ? " (it starts with a dot)" : i == segments.size() - 1
                                ? " (it ends with a dot)" : " (two dots in a row)"));
            }
        }
        return segments;
    }

    static void requireLiteralSegment(String text, String segment, int index) {
        // By code point, not char: an emoji is two chars, and naming half of it would print garbage.
        for (int c = 0; c < segment.length(); c += Character.charCount(segment.codePointAt(c))) {
            int ch = segment.codePointAt(c);
            boolean allowed = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '_' || ch == '-';
            if (!allowed) {
                String what = ch == '*' || ch == '#'
                        ? "mixes the wildcard '" + Character.toString(ch)
                                + "' with other characters; '*' and '#' must stand alone in a segment"
                        : "has the character '" + printable(ch) + "'; only letters, digits, '_' and '-' are allowed";
                throw new InvalidTopicException(text, "segment " + (index + 1) + " '" + segment + "' " + what);
            }
        }
    }

    private static String printable(int codePoint) {
        return Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                ? String.format("\\u%04x", codePoint) : Character.toString(codePoint);
    }
}
