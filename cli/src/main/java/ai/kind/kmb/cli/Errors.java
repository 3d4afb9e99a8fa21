package ai.kind.kmb.cli;

import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Reports a failure as exactly one line on standard error, {@code kmbctl: <what went wrong>}, and
 * chooses the exit code through {@link ExitCodes}. Scripts read the code; people read the line;
 * nobody should have to read a stack trace, so it only comes with {@code --verbose}.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private final GlobalOptions options;

    Errors(GlobalOptions options) {
        this.options = options;
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine command, CommandLine.ParseResult parsed) {
        if (ExitCodes.of(error) == ExitCodes.USAGE) {
            return usage(line(error), command);
        }
        return report(error, command.getErr());
    }

    /** Usage errors also point at the help of the command that was mistyped. */
    @Override
    public int handleParseException(CommandLine.ParameterException error, String[] args) {
        return usage(line(error), error.getCommandLine());
    }

    private static int usage(String line, CommandLine command) {
        PrintWriter err = command.getErr();
        err.println(line + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    int report(Throwable error, PrintWriter err) {
        err.println(line(error));
        if (options.verbose()) {
            error.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(error);
    }

    /** The line for a failure: its message, the details it does not already say, on one line. */
    static String line(Throwable error) {
        Throwable cause = unwrap(error);
        String message = switch (cause) {
            case KmbException kmb -> withDetails(kmb);
            case NoSuchFileException e -> "no such file: " + e.getFile();
            case FileAlreadyExistsException e -> e.getFile() + " already exists; kmbctl never overwrites a file";
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            case CliException e -> e.getMessage();
            case CommandLine.ParameterException e -> e.getMessage();
            case IllegalArgumentException e -> e.getMessage();
            case java.io.IOException e -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            default -> "internal error: " + cause.getClass().getName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + " (--verbose shows where)";
        };
        return "kmbctl: " + oneLine(message);
    }

    /** The cause that says what went wrong, under the wrappers that futures and streams add. */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof UncheckedIOException || cause instanceof CommandLine.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String withDetails(KmbException error) {
        String message = error.getMessage() == null ? error.code().wireName() : error.getMessage();
        String extra = error.details().stream()
                .filter(detail -> detail.reason() != null && !message.contains(detail.reason()))
                .map(ErrorDetail::toString)
                .collect(Collectors.joining("; "));
        return extra.isEmpty() ? message : message + " (" + extra + ")";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
