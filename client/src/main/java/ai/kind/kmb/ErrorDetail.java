package ai.kind.kmb;

/**
 * One precise reason behind an error: where (a field name or a JSON pointer) and what was wrong.
 */
public record ErrorDetail(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
