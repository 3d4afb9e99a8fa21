package ai.kind.kmb.broker.store;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;

import ai.kind.kmb.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * The start of the conformance suite: opens a fresh store before each test and closes it after.
 * Engines implement {@link #newStore()} (in a subclass of {@link MessageStoreConformanceTest}).
 */
@Timeout(60) // a store that loses a future would otherwise hang the build
public abstract class StoreConformanceBase {
    protected MessageStore store;

    /** A new, empty store; the suite closes it. */
    protected abstract MessageStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected StoredMessage append(Envelope message, Instant receivedAt) {
        return store.append(message, receivedAt).join();
    }

    /** Appends one message per topic, a second apart from T0, and returns them in order. */
    protected List<StoredMessage> appendTopics(String... topics) {
        List<StoredMessage> stored = new ArrayList<>();
        for (int i = 0; i < topics.length; i++) {
            stored.add(append(StoreFixtures.message(topics[i]), T0.plus(Duration.ofSeconds(i))));
        }
        return stored;
    }

    protected static List<Long> offsets(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::offset).toList();
    }

    protected static List<String> topics(List<StoredMessage> messages) {
        return messages.stream().map(message -> message.envelope().topic()).toList();
    }
}
