package ai.kind.kmb.cli;

/**
 * A failure kmbctl finds itself, before or without asking the broker (a missing confirmation,
 * fewer messages than waited for), with the exit code it ends with.
 */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
