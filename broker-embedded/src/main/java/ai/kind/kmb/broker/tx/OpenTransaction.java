package ai.kind.kmb.broker.tx;

import ai.kind.kmb.Envelope;
import java.util.ArrayList;
import java.util.List;

/** A transaction still open: what it staged so far, and whether it has been settled. */
final class OpenTransaction {
    private final String id;
    private final boolean durable;
    private final List<Envelope> staged = new ArrayList<>();
    private boolean settled;

    OpenTransaction(String id, boolean durable) {
        this.id = id;
        this.durable = durable;
    }

    String id() {
        return id;
    }

    boolean durable() {
        return durable;
    }

    /** Stages a message; false if the transaction was settled meanwhile (committed, aborted, timed out). */
    synchronized boolean stage(Envelope message) {
        if (settled) {
            return false;
        }
        staged.add(message);
        return true;
    }

    synchronized int size() {
        return staged.size();
    }

    /** Settles it once: the staged messages to the first caller, null to any later one. */
    synchronized List<Envelope> settle() {
        if (settled) {
            return null;
        }
        settled = true;
        return List.copyOf(staged);
    }
}
