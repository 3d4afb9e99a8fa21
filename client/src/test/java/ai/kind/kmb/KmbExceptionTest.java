package ai.kind.kmb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmbExceptionTest {
    @Test
    void aRateLimitedRefusalSaysHowLongToWait() {
        KmbException refused = new KmbException(ErrorCode.RATE_LIMITED, "slow down", List.of(
                new ErrorDetail("limit", "client"), new ErrorDetail(KmbException.RETRY_AFTER_FIELD, "250")));

        assertThat(refused.retryAfter()).contains(Duration.ofMillis(250));
    }

    @Test
    void withoutAUsableDetailThereIsNoRetryAfter() {
        assertThat(new KmbException(ErrorCode.INTERNAL, "broken").retryAfter()).isEmpty();
        assertThat(new KmbException(ErrorCode.RATE_LIMITED, "slow down",
                List.of(new ErrorDetail(KmbException.RETRY_AFTER_FIELD, "soon"))).retryAfter()).isEmpty();
    }
}
