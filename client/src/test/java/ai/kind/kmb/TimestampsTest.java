package ai.kind.kmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Read by hand or by the JDK, a timestamp means the same instant, and what the JDK refuses stays refused. */
class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T06:12:50Z", "2026-11-24T06:12:50.5Z", "2026-11-24T06:12:50.543Z",
            "2026-11-24T06:12:50.543123Z", "2026-11-24T06:12:50.123456789Z", "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59.999999999Z", "0001-01-01T00:00:00Z", "2026-11-24T06:12:50.5+02:00",
            "2026-11-24T06:12:50-05:30", "2026-11-24T06:12Z", "2026-11-24T06:12:50.Z"})
    void everyFormMeansWhatTheJdkReadsInIt(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T06:12:50.543123Z", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05.000000001Z"})
    void whatInstantWritesReadsBackAsTheSameInstant(String text) {
        Instant instant = Instant.parse(text);

        assertThat(Timestamps.parse(instant.toString())).isEqualTo(instant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-24T06:12:50Z", "2026-02-30T06:12:50Z", "2026-11-24T24:00:00Z",
            "2026-11-24T06:12:60Z", "2026-11-24T06:12:50.1234567890Z",
            "2026-11-24 06:12:50Z", "2026-11-24T06:12:5xZ", "2026-11-24T06:12:50", "yesterday", ""})
    void whatTheJdkRefusesIsRefused(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
