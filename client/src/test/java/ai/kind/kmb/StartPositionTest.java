package ai.kind.kmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StartPositionTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"new", "  "})
    void absentOrNewStartsFromNow(String text) {
        assertThat(StartPosition.parse(text)).isEqualTo(StartPosition.NEW);
    }

    @Test
    void earliestStartsFromTheOldestRetained() {
        assertThat(StartPosition.parse("earliest")).isEqualTo(StartPosition.EARLIEST);
    }

    @Test
    void digitsAreAnOffset() {
        assertThat(StartPosition.parse("0")).isEqualTo(new StartPosition.AtOffset(0));
        assertThat(StartPosition.parse("42")).isEqualTo(new StartPosition.AtOffset(42));
        assertThat(StartPosition.parse(Long.toString(Long.MAX_VALUE))).isEqualTo(new StartPosition.AtOffset(Long.MAX_VALUE));
    }

    @Test
    void rfc3339TimeIsAnInstant() {
        assertThat(StartPosition.parse("2025-06-20T15:42:00Z"))
                .isEqualTo(new StartPosition.AtTime(Instant.parse("2025-06-20T15:42:00Z")));
        assertThat(StartPosition.parse("2025-06-20T17:42:00.5+02:00"))
                .isEqualTo(new StartPosition.AtTime(Instant.parse("2025-06-20T15:42:00.5Z")));
    }

    static Stream<StartPosition> positions() {
        return Stream.of(StartPosition.NEW, StartPosition.EARLIEST, new StartPosition.AtOffset(0),
                new StartPosition.AtOffset(981), new StartPosition.AtTime(Instant.parse("2025-06-20T15:42:00.123Z")));
    }

    @ParameterizedTest
    @MethodSource("positions")
    void wireFormParsesBackToTheSamePosition(StartPosition position) {
        assertThat(StartPosition.parse(position.wireForm())).isEqualTo(position);
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "NEW", "-1", "+5", "1.5", "1e3", "99999999999999999999", "2025-06-20",
            "2025-06-20T15:42:00", "yesterday", "\u0661\u0662\u0663"})
    void anythingElseIsRefusedSayingWhatIsAllowed(String text) {
        KmbException refused = catchThrowableOfType(KmbException.class, () -> StartPosition.parse(text));

        assertThat(refused).as("'%s' must be refused", text).isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.getMessage())
                .isEqualTo("from must be new, earliest, an offset or an RFC 3339 time, got '" + text + "'");
        assertThat(refused.details()).extracting(ErrorDetail::field).containsExactly("from");
    }

    @Test
    void negativeOffsetIsRefused() {
        // Its wire form, "-1", would be refused by parse: the two must agree.
        assertThatThrownBy(() -> new StartPosition.AtOffset(-1))
                .isInstanceOf(KmbException.class)
                .hasMessage("from offset must be zero or more, got -1");
    }

    @Test
    void timeIsRequired() {
        assertThatThrownBy(() -> new StartPosition.AtTime(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("time");
    }
}
