package ai.kind.kmb.cli;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * kmbctl's exit codes, and the one place that decides which failure gets which. Scripts branch on
 * these, so they are part of kmbctl's contract (docs/kmbctl.md lists them).
 */
final class ExitCodes {
    static final int OK = 0;
    /** The command line itself is wrong: unknown command or option, missing or malformed argument. */
    static final int USAGE = 1;
    /** What was asked is wrong: bad JSON, a bad topic, a file that cannot be used, or the broker refused it. */
    static final int BAD_INPUT = 2;
    /** What was named does not exist: a dead letter, a file, a trace; or fewer messages came than waited for. */
    static final int NOT_FOUND = 3;
    /** The broker would not let this client do it. */
    static final int DENIED = 4;
    /** The broker cannot be reached or cannot serve now; trying again later may work. */
    static final int UNAVAILABLE = 5;
    /** A bug, in kmbctl or in the broker. */
    static final int INTERNAL = 6;

    private ExitCodes() {
    }

    static int of(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST, SCHEMA_INVALID, TOO_LARGE -> BAD_INPUT;
            case NOT_FOUND -> NOT_FOUND;
            case UNAUTHORIZED, FORBIDDEN -> DENIED;
            // All pass: a retry once the quota refills, once a responder subscribes, or once a slow
            // responder catches up, succeeds with the same input.
            case RATE_LIMITED, NO_RESPONDERS, UNAVAILABLE, TIMEOUT -> UNAVAILABLE;
            case INTERNAL -> INTERNAL;
        };
    }

    static int of(Throwable error) {
        Throwable cause = Errors.unwrap(error);
        return switch (cause) {
            case CliException cli -> cli.exitCode();
            case KmbException kmb -> of(kmb.code());
            case CommandLine.ParameterException usage -> USAGE;
            case NoSuchFileException missing -> NOT_FOUND;
            case IOException io -> BAD_INPUT;
            case UncheckedIOException io -> BAD_INPUT;
            case IllegalArgumentException bad -> BAD_INPUT;
            default -> INTERNAL;
        };
    }
}
