package ai.kind.kmb.outbox;

import java.nio.file.Path;

/**
 * What opening an outbox found. {@code pending} messages were still to deliver. A file whose end
 * was torn (the process killed in the middle of a write) has {@code corruptBytes} above zero: the
 * records before the damage are kept, and the damaged bytes are moved to {@code corruptCopy} for a
 * person to look at instead of being thrown away.
 */
public record OutboxRecovery(int pending, long corruptBytes, String problem, Path corruptCopy) {

    public static OutboxRecovery clean(int pending) {
        return new OutboxRecovery(pending, 0, null, null);
    }

    public boolean damaged() {
        return corruptBytes > 0;
    }
}
