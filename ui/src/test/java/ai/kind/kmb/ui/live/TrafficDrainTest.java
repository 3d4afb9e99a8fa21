package ai.kind.kmb.ui.live;

import static ai.kind.kmb.ui.testing.Messages.event;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.feed.DisplayMessage;
import ai.kind.kmb.ui.feed.FeedLimits;
import ai.kind.kmb.ui.feed.LiveFeed;
import ai.kind.kmb.ui.feed.MessageRenderer;
import ai.kind.kmb.ui.messages.MessageListModel;
import ai.kind.kmb.ui.status.StatusModel;
import ai.kind.kmb.ui.testing.Messages;
import ai.kind.kmb.ui.testing.TestBus;
import ai.kind.kmb.ui.topics.TopicTreeModel;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrafficDrainTest {
    private final FeedLimits limits = FeedLimits.defaults().withBuffers(100, 100, 1_000, 10);
    private final LiveFeed feed = new LiveFeed(limits, Clock.systemUTC());
    private final MessageListModel messages = new MessageListModel(1_000);
    private final TopicTreeModel topics = new TopicTreeModel();
    private final StatusModel status = new StatusModel();
    private final TrafficDrain drain = new TrafficDrain(feed, new MessageRenderer(limits), messages, topics, status);
    private final TestBus bus = new TestBus("test");

    @BeforeEach
    void attach() {
        feed.attach(bus);
    }

    @Test
    void eachTickTakesAtMostOneBatchAndTheRestWaits() {
        for (int n = 0; n < 25; n++) {
            bus.publish(event("kmb.agent.lifecycle", n));
        }

        drain.tick(Messages.T0);

        assertThat(messages.visible()).hasSize(10);
        assertThat(topics.find("kmb.agent.lifecycle").countProperty().get()).as("the tree counts all").isEqualTo(25);
        assertThat(status.shownProperty().get()).isEqualTo(10);

        drain.tick(Messages.T0.plusMillis(50));
        drain.tick(Messages.T0.plusMillis(100));
        assertThat(messages.visible()).extracting(DisplayMessage::id).endsWith("id-24");
        assertThat(status.shownProperty().get()).isEqualTo(25);
        assertThat(status.droppedProperty().get()).isZero();
    }

    @Test
    void whilePausedNothingIsShownButTopicsAndDropsAreStillCounted() {
        messages.pausedProperty().set(true);
        for (int n = 0; n < 150; n++) {
            bus.publish(event("agent.health.heartbeat", n));
        }

        drain.tick(Instant.now());

        assertThat(messages.visible()).isEmpty();
        assertThat(topics.find("agent.health.heartbeat").countProperty().get()).isEqualTo(150);
        assertThat(status.droppedProperty().get()).as("a lane holds 100").isEqualTo(50);
    }
}
