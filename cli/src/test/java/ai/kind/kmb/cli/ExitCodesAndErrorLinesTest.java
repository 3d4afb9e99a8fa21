package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The one mapping from failures to exit codes, and the one line each failure becomes. */
class ExitCodesAndErrorLinesTest {

    @Test
    void everyProtocolErrorCodeHasItsDocumentedExitCode() {
        Map<ErrorCode, Integer> expected = new EnumMap<>(ErrorCode.class);
        expected.put(ErrorCode.BAD_REQUEST, 2);
        expected.put(ErrorCode.SCHEMA_INVALID, 2);
        expected.put(ErrorCode.TOO_LARGE, 2);
        expected.put(ErrorCode.NOT_FOUND, 3);
        expected.put(ErrorCode.UNAUTHORIZED, 4);
        expected.put(ErrorCode.FORBIDDEN, 4);
        expected.put(ErrorCode.RATE_LIMITED, 5);
        expected.put(ErrorCode.NO_RESPONDERS, 5);
        expected.put(ErrorCode.UNAVAILABLE, 5);
        expected.put(ErrorCode.TIMEOUT, 5);
        expected.put(ErrorCode.INTERNAL, 6);

        assertThat(expected).hasSize(ErrorCode.values().length);
        expected.forEach((code, exit) -> assertThat(ExitCodes.of(code)).as(code.wireName()).isEqualTo(exit));
    }

    @Test
    void failuresOutsideTheProtocolMapByKind() {
        assertThat(ExitCodes.of(new CompletionException(new KmbException(ErrorCode.FORBIDDEN, "no")))).isEqualTo(4);
        assertThat(ExitCodes.of(new NoSuchFileException("x"))).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ExitCodes.of(new UncheckedIOException(new NoSuchFileException("x")))).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ExitCodes.of(new FileAlreadyExistsException("x"))).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ExitCodes.of(new IOException("disk full"))).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ExitCodes.of(new IllegalArgumentException("bad"))).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ExitCodes.of(new CliException(ExitCodes.USAGE, "say more"))).isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.of(new NullPointerException())).isEqualTo(ExitCodes.INTERNAL);
    }

    @Test
    void aLineAddsOnlyTheDetailsItsMessageDoesNotAlreadySay() {
        KmbException error = new KmbException(ErrorCode.BAD_REQUEST, "invalid message: topic is missing",
                List.of(new ErrorDetail("topic", "is missing"), new ErrorDetail("metadata.ttl_ms", "must be positive")));

        assertThat(Errors.line(error))
                .isEqualTo("kmbctl: invalid message: topic is missing (metadata.ttl_ms: must be positive)");
    }

    @Test
    void aLineIsOneLineWhateverTheMessageHolds() {
        KmbException error = new KmbException(ErrorCode.INTERNAL, "first\n  second\r\nthird");

        assertThat(Errors.line(new CompletionException(error))).isEqualTo("kmbctl: first second third");
    }

    @Test
    void aBugSaysItIsOneAndWhereToLook() {
        assertThat(Errors.line(new IllegalStateException("broken invariant")))
                .isEqualTo("kmbctl: internal error: java.lang.IllegalStateException: broken invariant"
                        + " (--verbose shows where)");
    }
}
