package ai.kind.kmb.ui.support;

import ai.kind.kmb.KmbException;
import ai.kind.kmb.connection.BusConnection;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The one way presentation models run work off the FX thread: the work runs on
 * {@link UiExecutors#background()}, and its result or its failure is handed over on
 * {@link UiExecutors#ui()}. A failure always reaches {@code onError}; nothing is swallowed, so a
 * model can always show a line saying what failed.
 */
public final class Tasks {
    private Tasks() {
    }

    /** Runs {@code work} in the background; {@code onSuccess} or {@code onError} then runs on the UI executor. */
    public static <T> void run(UiExecutors executors, Callable<T> work, Consumer<? super T> onSuccess,
                               Consumer<? super Throwable> onError) {
        try {
            executors.background().execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable e) {
                    executors.ui().execute(() -> onError.accept(unwrap(e)));
                    return;
                }
                executors.ui().execute(() -> onSuccess.accept(result));
            });
        } catch (RejectedExecutionException e) {
            // The pool is shut down: the window is closing. Say so rather than drop the request.
            executors.ui().execute(() -> onError.accept(new IllegalStateException("the Studio is shutting down", e)));
        }
    }

    /**
     * Runs {@code work} in the background on the bus connected now, read here on the UI executor;
     * no connection is a failure like any other, handed to {@code onError}.
     */
    public static <T> void onBus(UiExecutors executors, CurrentConnection connection, BusWork<T> work,
                                 Consumer<? super T> onSuccess, Consumer<? super Throwable> onError) {
        BusConnection bus;
        try {
            bus = connection.require();
        } catch (RuntimeException e) {
            onError.accept(e);
            return;
        }
        run(executors, () -> work.call(bus), onSuccess, onError);
    }

    /** Runs {@code work} in the background for its effect only. */
    public static void run(UiExecutors executors, ThrowingRunnable work, Runnable onSuccess,
                           Consumer<? super Throwable> onError) {
        run(executors, () -> {
            work.run();
            return null;
        }, ignored -> onSuccess.run(), onError);
    }

    /** Hands the outcome of an asynchronous bus call (a publish, a requeue) to the UI executor. */
    public static <T> void settle(UiExecutors executors, CompletionStage<T> stage, Consumer<? super T> onSuccess,
                                  Consumer<? super Throwable> onError) {
        stage.whenComplete((result, error) -> executors.ui().execute(() -> {
            if (error != null) {
                onError.accept(unwrap(error));
            } else {
                onSuccess.accept(result);
            }
        }));
    }

    /** One line for a person: "{what} failed: {reason}", naming the bus's error code when there is one. */
    public static String failure(String what, Throwable error) {
        Throwable cause = unwrap(error);
        String reason = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof KmbException kmb) {
            reason = kmb.code().wireName() + ": " + reason;
        }
        return what + " failed: " + reason;
    }

    /** The real failure inside the wrappers futures put around it. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Work on a bus that returns a result and may throw. */
    @FunctionalInterface
    public interface BusWork<T> {
        T call(BusConnection bus) throws Exception;
    }

    /** Work that returns nothing and may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
