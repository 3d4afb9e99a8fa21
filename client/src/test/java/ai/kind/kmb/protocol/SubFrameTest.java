package ai.kind.kmb.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code sub} frame through the codec, its {@code backoff_ms} list above all. */
class SubFrameTest {

    private static Frame.Sub durable(List<Long> backoffMs) {
        return new Frame.Sub(4, "s1", "jobs.#", "workers", "pool", "manual", 10, "earliest", 30_000L, 5,
                backoffMs, null);
    }

    @Test
    void aSubWithBackoffReadsBackAsWritten() {
        Frame.Sub sub = durable(List.of(1000L, 5000L, 30_000L));
        String text = FrameCodec.write(sub);

        assertThat(text).contains("\"backoff_ms\":[1000,5000,30000]");
        assertThat(FrameCodec.readClientFrame(text)).isEqualTo(sub);
    }

    @Test
    void aSubWithoutBackoffHasNoSuchFieldAndReadsBackWithNone() {
        Frame.Sub sub = durable(null);
        String text = FrameCodec.write(sub);

        assertThat(text).doesNotContain("backoff_ms");
        assertThat(FrameCodec.readClientFrame(text)).isEqualTo(sub);
    }

    @Test
    void anEmptyBackoffStaysEmpty() {
        Frame.Sub read = (Frame.Sub) FrameCodec.readClientFrame(
                "{\"op\":\"sub\",\"req\":1,\"sid\":\"s\",\"filter\":\"a\",\"backoff_ms\":[]}");

        assertThat(read.backoffMs()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1000                 | backoff_ms must be an array of whole numbers, got 1000",
            "\"1s,5s\"            | backoff_ms must be an array of whole numbers, got \"1s,5s\"",
            "[1000, 1.5]          | backoff_ms element 2 of 2 must be a whole number, got 1.5",
            "[\"1000\"]           | backoff_ms element 1 of 1 must be a whole number, got \"1000\"",
            "[5, null, 7]         | backoff_ms element 2 of 3 must be a whole number, got null",
            "[99999999999999999999] | backoff_ms element 1 of 1 must be a whole number, got 99999999999999999999"})
    void aBackoffOfTheWrongShapeIsRefusedNamingTheFieldAndTheElement(String backoff, String message) {
        String text = "{\"op\":\"sub\",\"req\":9,\"sid\":\"s\",\"filter\":\"a\",\"backoff_ms\":" + backoff + "}";

        FrameException refused = catchThrowableOfType(FrameException.class, () -> FrameCodec.readClientFrame(text));

        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.req()).isEqualTo(9);
        assertThat(refused.getMessage()).isEqualTo(message);
        assertThat(refused.details()).extracting(ErrorDetail::field).containsExactly("backoff_ms");
    }
}
