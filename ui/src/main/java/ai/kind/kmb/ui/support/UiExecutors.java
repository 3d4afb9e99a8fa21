package ai.kind.kmb.ui.support;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where work runs. Presentation models take this instead of calling {@code Platform.runLater}, so
 * that unit tests can run them with no FX toolkit ({@link #direct()}) and the app on the FX thread.
 *
 * @param ui         runs state changes that views observe: the FX thread in the app
 * @param background runs anything that may block (opening a connection, closing subscriptions,
 *                   asking a remote bus); a small bounded pool so a stuck call cannot starve the rest
 */
public record UiExecutors(Executor ui, ExecutorService background) implements AutoCloseable {

    /** The app's executors: {@code ui} is the FX thread, {@code background} two daemon threads. */
    public static UiExecutors fx() {
        return new UiExecutors(javafx.application.Platform::runLater, daemonPool("kmb-studio-bg", 2));
    }

    /** Everything on the caller's thread, for tests of models. */
    public static UiExecutors direct() {
        return new UiExecutors(Runnable::run, new DirectExecutorService());
    }

    public static ExecutorService daemonPool(String name, int threads) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
            // A background task left running must never keep the app alive after its window closed.
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
