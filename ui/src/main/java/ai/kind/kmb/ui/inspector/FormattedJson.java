package ai.kind.kmb.ui.inspector;

import java.util.List;

/**
 * JSON laid out for reading: the text, its highlighting as contiguous spans (every character in
 * exactly one span, a null style for plain text), and the line ranges that can be folded.
 */
public record FormattedJson(String text, List<Span> spans, List<Fold> folds) {
    public static final FormattedJson EMPTY = new FormattedJson("", List.of(), List.of());

    /** {@code length} characters styled with {@code styleClass} (null: no style). */
    public record Span(int length, String styleClass) {
    }

    /**
     * An object or array that spans lines {@code startLine} to {@code endLine} (0-based): folding
     * hides the lines after the first up to and including the last.
     */
    public record Fold(int startLine, int endLine) {
    }

    public int lineCount() {
        return (int) text.chars().filter(c -> c == '\n').count() + 1;
    }
}
