package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.broker.store.ConsumerPositions;
import ai.kind.kmb.broker.store.ConsumerState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a durable consumer's state without ever queueing more than one save: while a save is on
 * its way, later changes wait and go together in the next one. Losing the last few changes in a
 * crash only means redelivery, which at-least-once allows.
 */
final class ConsumerSaver {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerSaver.class);
    private static final Duration FINAL_SAVE_WAIT = Duration.ofSeconds(10);

    private final ConsumerPositions store;
    private final String name;
    private volatile long savedVersion = -1;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

    ConsumerSaver(ConsumerPositions store, String name) {
        this.store = store;
        this.name = name;
    }

    /** Called only from the consumer's loop thread. */
    void saveIfChanged(Supplier<ConsumerState> state, long version) {
        if (version == savedVersion || !inFlight.isDone()) {
            return;
        }
        savedVersion = version;
        inFlight = store.saveConsumer(state.get()).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.error("durable {}: could not save its position; will retry", name, error);
                savedVersion = -1;
            }
        });
    }

    void saveNow(ConsumerState state) {
        try {
            inFlight.exceptionally(error -> null).get(FINAL_SAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            store.saveConsumer(state).get(FINAL_SAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("durable {}: could not save its final position", name, e);
        }
    }
}
