package ai.kind.kmb.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.EmbeddedConnection;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.ui.feed.FeedCounters;
import ai.kind.kmb.ui.feed.FeedLimits;
import ai.kind.kmb.ui.feed.LiveFeed;
import ai.kind.kmb.ui.feed.MessageRenderer;
import ai.kind.kmb.ui.live.TrafficDrain;
import ai.kind.kmb.ui.messages.MessageListModel;
import ai.kind.kmb.ui.status.StatusModel;
import ai.kind.kmb.ui.topics.TopicTreeModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 200,000 messages published as fast as two threads can through the embedded broker, with the
 * display taking at most 1,000 per 50 ms tick: most cannot be shown. What is asserted is the
 * accounting, not the speed: every message is either shown or counted as dropped, and the
 * buffers never hold more than their bound.
 */
class FeedFloodTest {
    private static final int PUBLISHED = 200_000;
    private static final int TOPICS = 20;

    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final EmbeddedConnection connection = new EmbeddedConnection(broker, "flood");

    @AfterEach
    void stop() {
        connection.close();
        broker.close();
    }

    @Test
    void everyMessageIsShownOrCountedAsDroppedAndTheBuffersStayBounded() throws Exception {
        // '#' alone: the broker's own advisories about our slow subscription would otherwise add to the count.
        FeedLimits limits = new FeedLimits(List.of("#"), 4_096, 256, 100, 2_000, 1_000, 160, 16_384, 5_000);
        LiveFeed feed = new LiveFeed(limits, Clock.systemUTC());
        MessageListModel messages = new MessageListModel(limits.listCapacity());
        TopicTreeModel topics = new TopicTreeModel();
        StatusModel status = new StatusModel();
        TrafficDrain drain = new TrafficDrain(feed, new MessageRenderer(limits), messages, topics, status);
        feed.attach(connection);

        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger ticks = new AtomicInteger();
        // Stands in for the FX thread: the only thread that touches the models.
        Thread display = Thread.ofPlatform().name("display").start(() -> {
            Instant giveUp = Instant.now().plus(Duration.ofMinutes(3));
            while ((flooding.get() || !settled(feed.counters())) && Instant.now().isBefore(giveUp)) {
                drain.tick(Instant.now());
                ticks.incrementAndGet();
                sleep(50);
            }
            drain.tick(Instant.now());
        });
        List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int publisher = p;
            publishers.add(Thread.ofPlatform().start(() -> {
                for (int n = publisher; n < PUBLISHED; n += 2) {
                    connection.publish(Envelope.event("flood.t" + (n % TOPICS), Json.object().put("n", n)),
                            PublishOptions.EPHEMERAL);
                }
            }));
        }
        for (Thread publisher : publishers) {
            publisher.join();
        }
        awaitSettled(feed);
        flooding.set(false);
        display.join();

        FeedCounters counters = feed.counters();
        assertThat(counters.seenOnBus()).isEqualTo(PUBLISHED);
        assertThat(counters.taken() + counters.droppedForDisplay()).isEqualTo(PUBLISHED);
        assertThat(status.shownProperty().get() + status.droppedProperty().get()).isEqualTo(PUBLISHED);
        assertThat(counters.peakBuffered()).isLessThanOrEqualTo(limits.maxBuffered());
        assertThat(messages.sizeProperty().get()).isLessThanOrEqualTo(limits.listCapacity());
        assertThat(topics.root().countProperty().get()).as("the tree counts every message delivered, shown or not")
                .isEqualTo(counters.received());
        assertThat(topics.topicCountProperty().get()).isEqualTo(TOPICS);
    }

    private static boolean settled(FeedCounters counters) {
        return counters.seenOnBus() == PUBLISHED && counters.buffered() == 0;
    }

    /** Waits for the bus to hand over or drop everything; an outcome, not a time limit under test. */
    private static void awaitSettled(LiveFeed feed) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (feed.counters().seenOnBus() < PUBLISHED && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
