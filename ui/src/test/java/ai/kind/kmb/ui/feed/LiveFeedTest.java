package ai.kind.kmb.ui.feed;

import static ai.kind.kmb.ui.testing.Messages.event;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.testing.TestBus;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
    private final LiveFeed feed = new LiveFeed(FeedLimits.defaults(), Clock.systemUTC());
    private final TestBus bus = new TestBus("test bus");

    @Test
    void subscribesToApplicationTopicsAdvisoriesAndReplies() {
        feed.attach(bus);

        assertThat(bus.filters()).containsExactly("#", "_kmb.#", "_inbox.#");
        assertThat(bus.onlyObservers()).as("the feed never counts as a responder to commands and queries").isTrue();
        bus.publish(event("kmb.agent.lifecycle", 1));
        bus.publish(event("_kmb.advisory.dead_letter", 2));
        bus.publish(event("_inbox.planner", 3));

        assertThat(feed.drain(10).arrivals()).extracting(a -> a.envelope().topic())
                .containsExactly("kmb.agent.lifecycle", "_kmb.advisory.dead_letter", "_inbox.planner");
    }

    @Test
    void dropsOnTheBusCountAsDroppedForDisplayEvenAfterDetaching() {
        feed.attach(bus);
        bus.publish(event("a", 1));
        bus.dropOnSubscriptions(5);

        assertThat(feed.counters().lostOnBus()).isEqualTo(15);
        feed.detach();

        assertThat(bus.subscriptionCount()).isZero();
        assertThat(feed.counters().lostOnBus()).isEqualTo(15);
        assertThat(feed.counters().droppedForDisplay()).isEqualTo(15);
        assertThat(feed.counters().seenOnBus()).isEqualTo(16);
    }

    @Test
    void attachingElsewhereLeavesTheFirstBus() {
        TestBus other = new TestBus("other");
        feed.attach(bus);
        feed.attach(other);

        bus.publish(event("a", 1));
        other.publish(event("b", 2));

        assertThat(bus.subscriptionCount()).isZero();
        assertThat(feed.drain(10).arrivals()).extracting(a -> a.envelope().topic()).containsExactly("b");
    }
}
