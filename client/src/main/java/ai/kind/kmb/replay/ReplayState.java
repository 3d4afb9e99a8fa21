package ai.kind.kmb.replay;

import java.util.Locale;

/** Where a replay session is in its life. DONE, CANCELLED and FAILED are final. */
public enum ReplayState {
    /** Created, not started. */
    PENDING,
    RUNNING,
    /** Started and holding; {@link ReplaySession#step()} publishes one message at a time. */
    PAUSED,
    /** The source is exhausted and every publish has settled. */
    DONE,
    CANCELLED,
    /** The source could not be read; the progress says why. */
    FAILED;

    public boolean isFinal() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
