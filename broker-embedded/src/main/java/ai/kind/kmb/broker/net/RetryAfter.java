package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;

/** The HTTP {@code Retry-After} of a refusal: whole seconds, rounded up, from its retry-after detail. */
final class RetryAfter {
    private RetryAfter() {
    }

    /** The header value, or null when the failure says nothing about coming back. */
    static String seconds(KmbException failure) {
        if (failure.code() != ErrorCode.RATE_LIMITED) {
            return null;
        }
        return failure.retryAfter().map(wait -> Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)))
                .orElse(null);
    }
}
