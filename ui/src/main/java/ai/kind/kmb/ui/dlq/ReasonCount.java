package ai.kind.kmb.ui.dlq;

import ai.kind.kmb.dlq.DeathReason;

/** How many letters died for one reason; a null reason is the "all letters" line. */
public record ReasonCount(DeathReason reason, int count) {
    public String label() {
        return (reason == null ? "All reasons" : reason.wireName()) + " (" + count + ")";
    }
}
