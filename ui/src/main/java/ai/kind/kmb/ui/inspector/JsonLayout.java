package ai.kind.kmb.ui.inspector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Pretty-prints JSON text with two-space indents, highlights it, and finds its foldable blocks.
 * It works token by token and never rejects its input, so the first 16 KB of a truncated payload
 * is laid out as well as a whole message: open blocks simply stay open, and a marker line says
 * that the rest was cut.
 */
public final class JsonLayout {
    public static final String KEY = "json-key";
    public static final String STRING = "json-string";
    public static final String NUMBER = "json-number";
    public static final String LITERAL = "json-literal";
    public static final String PUNCTUATION = "json-punctuation";
    public static final String TRUNCATED = "json-truncated";

    private final String input;
    private final StringBuilder out = new StringBuilder();
    private final List<FormattedJson.Span> spans = new ArrayList<>();
    private final List<FormattedJson.Fold> folds = new ArrayList<>();
    private final Deque<Integer> openLines = new ArrayDeque<>();
    private int line;
    private int position;

    private JsonLayout(String input) {
        this.input = input;
    }

    public static FormattedJson format(String json) {
        return new JsonLayout(json).run(null);
    }

    /** Lays out the start of a longer text and ends with {@code marker} on a line of its own. */
    public static FormattedJson formatTruncated(String jsonStart, String marker) {
        return new JsonLayout(jsonStart).run(marker);
    }

    private FormattedJson run(String truncationMarker) {
        while (position < input.length()) {
            char c = input.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (c == '{' || c == '[') {
                open(c);
            } else if (c == '}' || c == ']') {
                close(c);
            } else if (c == ',') {
                position++;
                emit(",", PUNCTUATION);
                newline();
            } else if (c == ':') {
                position++;
                emit(":", PUNCTUATION);
                emit(" ", null);
            } else if (c == '"') {
                string();
            } else if (c == '-' || Character.isDigit(c)) {
                emit(take("-+.eE0123456789"), NUMBER);
            } else if (Character.isLetter(c)) {
                emit(takeLetters(), LITERAL);
            } else {
                position++;
                emit(String.valueOf(c), null);
            }
        }
        if (truncationMarker != null) {
            // At the left margin, whatever the depth: it is about the text, not part of it.
            emit("\n", null);
            line++;
            emit(truncationMarker, TRUNCATED);
        }
        return new FormattedJson(out.toString(), List.copyOf(spans), List.copyOf(folds));
    }

    private void open(char bracket) {
        position++;
        emit(String.valueOf(bracket), PUNCTUATION);
        char closing = bracket == '{' ? '}' : ']';
        int next = skipWhitespace(position);
        if (next < input.length() && input.charAt(next) == closing) {
            // An empty object or array stays on one line: "{}" and "[]".
            position = next + 1;
            emit(String.valueOf(closing), PUNCTUATION);
            return;
        }
        openLines.push(line);
        newline();
    }

    private void close(char bracket) {
        position++;
        Integer start = openLines.poll();
        newline();
        emit(String.valueOf(bracket), PUNCTUATION);
        if (start != null && line > start) {
            folds.add(new FormattedJson.Fold(start, line));
        }
    }

    private void string() {
        int start = position;
        position++;
        while (position < input.length()) {
            char c = input.charAt(position);
            position++;
            if (c == '\\') {
                position = Math.min(position + 1, input.length());
            } else if (c == '"') {
                break;
            }
        }
        String text = input.substring(start, position);
        int next = skipWhitespace(position);
        boolean key = next < input.length() && input.charAt(next) == ':';
        emit(text, key ? KEY : STRING);
    }

    private String take(String allowed) {
        int start = position;
        while (position < input.length() && allowed.indexOf(input.charAt(position)) >= 0) {
            position++;
        }
        return input.substring(start, position);
    }

    private String takeLetters() {
        int start = position;
        while (position < input.length() && Character.isLetter(input.charAt(position))) {
            position++;
        }
        return input.substring(start, position);
    }

    private int skipWhitespace(int from) {
        int at = from;
        while (at < input.length() && Character.isWhitespace(input.charAt(at))) {
            at++;
        }
        return at;
    }

    private void newline() {
        emit("\n" + "  ".repeat(openLines.size()), null);
        line++;
    }

    private void emit(String text, String style) {
        if (text.isEmpty()) {
            return;
        }
        out.append(text);
        FormattedJson.Span last = spans.isEmpty() ? null : spans.getLast();
        if (last != null && java.util.Objects.equals(last.styleClass(), style)) {
            spans.set(spans.size() - 1, new FormattedJson.Span(last.length() + text.length(), style));
        } else {
            spans.add(new FormattedJson.Span(text.length(), style));
        }
    }
}
