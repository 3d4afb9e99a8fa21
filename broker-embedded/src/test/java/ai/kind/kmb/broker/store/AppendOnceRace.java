package ai.kind.kmb.broker.store;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.history.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** Two stores on one shared server, as two nodes, appending the same ids with appendOnce at the same moment. */
public final class AppendOnceRace {
    private AppendOnceRace() {
    }

    /** Races {@code count} ids through both; each must be stored once, and both must learn its offset. */
    public static void run(MessageStore first, MessageStore second, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("race-" + i + "-" + UUID.randomUUID());
        }
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<List<MessageLog.Appended>>> racers = new ArrayList<>();
        for (MessageStore store : List.of(first, second)) {
            CompletableFuture<List<MessageLog.Appended>> appended = new CompletableFuture<>();
            // A thread each: a shared pool might run the two one after the other, and nothing would race.
            Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    List<CompletableFuture<MessageLog.Appended>> sent = ids.stream()
                            .map(id -> store.appendOnce(message("race.once", id, null), T0, T0.minusSeconds(60)))
                            .toList();
                    appended.complete(sent.stream().map(CompletableFuture::join).toList());
                } catch (Throwable e) {
                    appended.completeExceptionally(e);
                }
            });
            racers.add(appended);
        }
        go.countDown();
        List<MessageLog.Appended> fromFirst = racers.get(0).join();
        List<MessageLog.Appended> fromSecond = racers.get(1).join();

        for (int i = 0; i < count; i++) {
            MessageLog.Appended a = fromFirst.get(i);
            MessageLog.Appended b = fromSecond.get(i);
            assertThat(a.message().offset()).as("both learn the offset of %s", ids.get(i))
                    .isEqualTo(b.message().offset());
            assertThat(a.repeat() ^ b.repeat()).as("exactly one stored %s", ids.get(i)).isTrue();
        }
        List<StoredMessage> log = first.readAfter(0, count * 2);
        assertThat(log).extracting(stored -> stored.envelope().id()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(first.stats().messages()).isEqualTo(count);
    }
}
