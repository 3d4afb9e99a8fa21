package ai.kind.kmb.registry;

/**
 * A descriptor or schema the registry could not load: the file, the line (0 when unknown) and what
 * is wrong. The rest of the registry keeps working without it.
 */
public record RegistryProblem(String file, int line, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
