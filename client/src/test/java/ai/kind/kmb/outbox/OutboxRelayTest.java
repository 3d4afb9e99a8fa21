package ai.kind.kmb.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's own thread: what an interrupt (closing) may and may not do to the outbox's file. */
class OutboxRelayTest {
    @TempDir
    Path dir;

    /**
     * Acknowledges every publish at once, and leaves the thread of the first one interrupted, as a
     * close landing just after the broker's ack does.
     */
    private static final class InterruptingBus implements Bus {
        final List<Integer> published = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
            published.add(message.payload().asInt());
            if (published.size() == 1) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture(new PublishAck(message.id(), published.size(), false));
        }

        @Override
        public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
            throw new UnsupportedOperationException("the relay only publishes");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anInterruptWhileMarkingAMessageDeliveredLeavesTheOutboxFileWorking() throws Exception {
        InterruptingBus bus = new InterruptingBus();
        try (Outbox outbox = Outbox.open(dir, Clock.systemUTC())) {
            outbox.add(event(1), true);
            outbox.add(event(2), true);
            try (OutboxRelay relay = new OutboxRelay(outbox, bus, (entry, ack, failure) -> { }, null)) {
                relay.start();
                awaitEmpty(outbox);
            }

            outbox.add(event(3), true);
        }
        try (Outbox reopened = Outbox.open(dir, Clock.systemUTC())) {
            assertThat(numbers(reopened.pending())).as("what was marked delivered stays delivered").containsExactly(3);
        }
    }

    private static Envelope event(int n) {
        return Envelope.event("t", IntNode.valueOf(n));
    }

    private static List<Integer> numbers(List<OutboxEntry> entries) {
        return entries.stream().map(entry -> entry.message().payload().asInt()).toList();
    }

    private static void awaitEmpty(Outbox outbox) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!outbox.pending().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(outbox.pending()).isEmpty();
    }
}
