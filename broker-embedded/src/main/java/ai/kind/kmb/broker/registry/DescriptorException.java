package ai.kind.kmb.broker.registry;

/** A descriptor or schema that cannot be used, at a line of a file (0 when the line is unknown). */
final class DescriptorException extends Exception {
    private final String file;
    private final int line;

    DescriptorException(String file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    ai.kind.kmb.registry.RegistryProblem problem() {
        return new ai.kind.kmb.registry.RegistryProblem(file, line, getMessage());
    }
}
