package ai.kind.kmb.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Runs work on the FX thread from another thread and waits for its result: for scripted modes only. */
final class FxCalls {
    private FxCalls() {
    }

    static <T> T call(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    static void run(Runnable action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }
}
