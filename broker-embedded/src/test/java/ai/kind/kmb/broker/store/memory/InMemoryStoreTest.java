package ai.kind.kmb.broker.store.memory;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.MessageStoreConformanceTest;
import ai.kind.kmb.history.StoredMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest extends MessageStoreConformanceTest {

    @Override
    protected MessageStore newStore() {
        return new InMemoryStore(10_000);
    }

    @Test
    void offsetsStartAtOneAndHaveNoGaps() {
        List<StoredMessage> stored = appendTopics("a.a", "a.b", "a.c");

        assertThat(offsets(stored)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void evictsTheOldestMessagesPastItsCapacity() {
        try (InMemoryStore small = new InMemoryStore(3)) {
            for (int i = 0; i < 5; i++) {
                small.append(message("cap.m", "m-" + i, null), T0).join();
            }

            assertThat(small.readAfter(0, 10)).extracting(StoredMessage::offset).containsExactly(3L, 4L, 5L);
            assertThat(small.stats().messages()).isEqualTo(3);
            assertThat(small.lastOffset()).isEqualTo(5);
            assertThat(small.findById("m-0", T0.minusSeconds(1))).isEmpty();
            assertThat(small.findById("m-4", T0.minusSeconds(1))).isPresent();
        }
    }

    @Test
    void futuresAreCompleteOnReturn() {
        assertThat(store.append(message("now.a"), T0)).isDone();
        assertThat(store.lastOffset()).isEqualTo(1);
    }
}
