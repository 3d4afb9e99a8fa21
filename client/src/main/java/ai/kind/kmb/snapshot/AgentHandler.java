package ai.kind.kmb.snapshot;

import ai.kind.kmb.Envelope;

/** What a stateful agent does on restore: load its latest snapshot, then apply each message after it. */
public interface AgentHandler {

    /** Called once, before any message, with the latest snapshot; not called when the agent has none. */
    default void onSnapshot(Snapshot snapshot) throws Exception {
    }

    /**
     * Applies one message. Replayed messages come in log order with their offset; live ones after
     * them, with their offset, or -1 for a message that was not stored.
     */
    void onMessage(long offset, Envelope message) throws Exception;
}
