package ai.kind.kmb.broker.ratelimit;

import java.util.Locale;

/** What a limit does with a publish that finds its bucket empty. */
public enum LimitMode {
    /** Refuse at once with {@code rate_limited} and the time until a token is free. */
    REJECT,
    /** Wait for a token when one comes within the limit's {@code max_wait}; refuse otherwise. */
    THROTTLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
