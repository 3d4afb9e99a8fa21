package ai.kind.kmb.broker.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where durable consumers are, kept so that they resume after a restart. */
public interface ConsumerPositions {

    Optional<ConsumerState> loadConsumer(String name);

    List<ConsumerState> consumers();

    /** Replaces the consumer's saved state; completes once it is on disk. */
    CompletableFuture<Void> saveConsumer(ConsumerState state);

    /** Forgets a consumer; true if there was one. */
    boolean deleteConsumer(String name);
}
