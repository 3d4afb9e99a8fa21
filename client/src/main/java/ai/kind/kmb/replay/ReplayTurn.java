package ai.kind.kmb.replay;

import java.util.concurrent.CompletableFuture;

/** Permission to publish one message; {@code step} is set when a step asked for it. */
record ReplayTurn(CompletableFuture<ReplayProgress> step) {
    static final ReplayTurn RUN = new ReplayTurn(null);
}
