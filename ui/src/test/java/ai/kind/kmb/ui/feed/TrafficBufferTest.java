package ai.kind.kmb.ui.feed;

import static ai.kind.kmb.ui.testing.Messages.event;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TrafficBufferTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-20T15:42:00Z"), ZoneOffset.UTC);

    private static TrafficBuffer buffer(int laneCapacity, int maxLanes, int maxBuffered) {
        return new TrafficBuffer(FeedLimits.defaults().withBuffers(laneCapacity, maxLanes, maxBuffered, 1_000), CLOCK);
    }

    @Test
    void aFullLaneGivesUpItsOldestAndCountsIt() {
        TrafficBuffer buffer = buffer(3, 10, 100);
        for (int n = 1; n <= 5; n++) {
            buffer.offer(event("a", n), -1);
        }

        Drained drained = buffer.drain(100);

        assertThat(drained.arrivals()).extracting(a -> a.envelope().id()).containsExactly("id-3", "id-4", "id-5");
        FeedCounters counters = buffer.counters(0);
        assertThat(counters.received()).isEqualTo(5);
        assertThat(counters.taken()).isEqualTo(3);
        assertThat(counters.evicted()).isEqualTo(2);
        assertThat(counters.buffered()).isZero();
    }

    @Test
    void theGlobalBoundHoldsAndANewTopicWithNoRoomLosesItsMessage() {
        TrafficBuffer buffer = buffer(10, 10, 4);
        for (int n = 1; n <= 4; n++) {
            buffer.offer(event("busy", n), -1);
        }
        buffer.offer(event("quiet", 5), -1);
        buffer.offer(event("busy", 6), -1);

        FeedCounters counters = buffer.counters(0);
        assertThat(counters.peakBuffered()).isEqualTo(4);
        assertThat(counters.buffered()).isEqualTo(4);
        assertThat(counters.evicted()).as("quiet's message, and busy's oldest for busy's newest").isEqualTo(2);
        assertThat(buffer.drain(10).arrivals()).extracting(a -> a.envelope().id())
                .containsExactly("id-2", "id-3", "id-4", "id-6");
    }

    @Test
    void drainingSharesTheBatchBetweenTopicsAndKeepsDeliveryOrder() {
        TrafficBuffer buffer = buffer(1_000, 10, 10_000);
        for (int n = 1; n <= 500; n++) {
            buffer.offer(event("flood", n), -1);
        }
        buffer.offer(event("quiet", 501), -1);

        Drained drained = buffer.drain(10);

        assertThat(drained.arrivals()).hasSize(10);
        assertThat(drained.arrivals()).extracting(a -> a.envelope().topic()).contains("quiet");
        assertThat(drained.arrivals()).extracting(Arrival::sequence).isSorted();
        assertThat(buffer.counters(0).buffered()).isEqualTo(491);
    }

    @Test
    void reportsTheTotalsOfTopicsThatMovedEvenWhenTakingNothing() {
        TrafficBuffer buffer = buffer(10, 10, 100);
        buffer.offer(event("a.b", 1), -1);
        buffer.offer(event("a.b", 2), -1);

        Drained first = buffer.drain(0);
        Drained second = buffer.drain(0);

        assertThat(first.arrivals()).isEmpty();
        assertThat(first.activity()).singleElement().satisfies(topic -> {
            assertThat(topic.topic()).isEqualTo("a.b");
            assertThat(topic.received()).isEqualTo(2);
            assertThat(topic.last().id()).isEqualTo("id-2");
        });
        assertThat(second.activity()).as("nothing moved since").isEmpty();
    }

    @Test
    void topicsPastTheLaneLimitAreCountedNotKept() {
        TrafficBuffer buffer = buffer(10, 2, 100);
        buffer.offer(event("t1", 1), -1);
        buffer.offer(event("t2", 2), -1);
        buffer.offer(event("t3", 3), -1);

        FeedCounters counters = buffer.counters(0);
        assertThat(counters.unlistedTopics()).isEqualTo(1);
        assertThat(counters.evicted()).isEqualTo(1);
        assertThat(buffer.drain(10).activity()).extracting(TopicActivity::topic).containsExactlyInAnyOrder("t1", "t2");
    }

    @Test
    void resetThrowsAwayWhatWaitsAndCountsIt() {
        TrafficBuffer buffer = buffer(10, 10, 100);
        buffer.offer(event("a", 1), -1);
        buffer.offer(event("b", 2), -1);

        buffer.reset();

        FeedCounters counters = buffer.counters(0);
        assertThat(counters.buffered()).isZero();
        assertThat(counters.evicted()).isEqualTo(2);
        assertThat(buffer.drain(10)).isEqualTo(Drained.EMPTY);
    }

    @Test
    void theBooksBalanceUnderConcurrentOffersAndDrains() throws Exception {
        TrafficBuffer buffer = buffer(64, 100, 1_000);
        int writers = 4;
        int perWriter = 50_000;
        CountDownLatch done = new CountDownLatch(writers);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int n = 0; n < perWriter; n++) {
                    buffer.offer(event("t" + (n % 37), "w" + writer + "-" + n, Json.object()), -1);
                }
                done.countDown();
            }));
        }
        AtomicLong taken = new AtomicLong();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread drainer = Thread.ofPlatform().start(() -> {
            while (writing.get() || buffer.counters(0).buffered() > 0) {
                taken.addAndGet(buffer.drain(500).arrivals().size());
            }
        });
        done.await();
        writing.set(false);
        drainer.join();

        FeedCounters counters = buffer.counters(0);
        assertThat(counters.received()).isEqualTo((long) writers * perWriter);
        assertThat(counters.taken()).isEqualTo(taken.get());
        assertThat(counters.taken() + counters.evicted()).isEqualTo(counters.received());
        assertThat(counters.peakBuffered()).isLessThanOrEqualTo(1_000);
    }
}
