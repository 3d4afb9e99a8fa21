package ai.kind.kmb.registry;

/**
 * One change that breaks compatibility: against which earlier version, where in the schema (a JSON
 * pointer into the new schema, or the old one for what was removed), the kind of change in the
 * Confluent Schema Registry's words (e.g. {@code PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL}), and why.
 */
public record Incompatibility(String againstVersion, String pointer, String change, String message) {
    @Override
    public String toString() {
        return againstVersion + " " + (pointer.isEmpty() ? "/" : pointer) + ": " + change + ": " + message;
    }
}
