package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.ratelimit.RateLimits;

/** The HTTP {@code Retry-After} of a refusal: whole seconds, rounded up, from its retry-after detail. */
final class RetryAfter {
    private RetryAfter() {
    }

    /** The header value, or null when the failure says nothing about coming back. */
    static String seconds(KmbException failure) {
        if (failure.code() != ErrorCode.RATE_LIMITED) {
            return null;
        }
        for (ErrorDetail detail : failure.details()) {
            if (RateLimits.RETRY_AFTER_FIELD.equals(detail.field())) {
                try {
                    long millis = Long.parseLong(detail.reason());
                    return Long.toString(Math.max(1, (millis + 999) / 1000));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
