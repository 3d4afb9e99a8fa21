package ai.kind.kmb.replay;

/**
 * Headers every replayed message carries. A replay publishes under a new id (the same id would be
 * swallowed by idempotent dedup), so these keep the link to what is being replayed.
 */
public final class ReplayHeaders {
    /** The id of the message this one replays. */
    public static final String REPLAY_OF = "replay_of";
    /** The id of the replay session that published it. */
    public static final String REPLAY_ID = "replay_id";
    /** The original's timestamp; the replayed message gets a fresh one so its TTL counts from now. */
    public static final String ORIGINAL_TIMESTAMP = "replay_original_timestamp";

    private ReplayHeaders() {
    }
}
