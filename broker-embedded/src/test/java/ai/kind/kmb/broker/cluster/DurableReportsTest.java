package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.broker.cluster.ResponderBoard.Listing;
import ai.kind.kmb.durable.DurableSubscriber;
import ai.kind.kmb.durable.NodeActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the directory writes of this node's durables and reads of every node's, against a board in
 * memory: the report rides on the listing's heartbeat, a change of members is written at once
 * without an announcement, and a report lasts as long as its node's heartbeat.
 */
@Timeout(30)
class DurableReportsTest {
    private static final Duration TTL = Duration.ofMinutes(3);
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Listing NOTHING = new Listing(Set.of(), Set.of());

    private final MemoryBoard board = new MemoryBoard();
    private final Map<String, NodeActivity> served = new ConcurrentHashMap<>();
    private final List<ResponderDirectory> started = new ArrayList<>();

    private ResponderDirectory start(Duration heartbeat) {
        ResponderDirectory directory = new ResponderDirectory("me", board, heartbeat, TTL);
        directory.start(() -> NOTHING, () -> new DurablesReport("me", Instant.now(), served));
        started.add(directory);
        return directory;
    }

    @AfterEach
    void close() {
        started.forEach(ResponderDirectory::close);
    }

    @Test
    void eachHeartbeatWritesWhatThisNodeDoesForItsDurablesNow() throws Exception {
        start(Duration.ofMillis(50));
        served.put("billing", serving(1, 0));
        awaitOnBoard(report -> report.durables().containsKey("billing"));

        served.put("billing", serving(1, 7));

        awaitOnBoard(report -> report.durables().get("billing").inFlight() == 7);
    }

    @Test
    void aChangeOfMembersIsWrittenAtOnceRatherThanAtTheNextHeartbeatAndIsNotAnnounced() throws Exception {
        ResponderDirectory directory = start(Duration.ofMinutes(1));
        directory.changed().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        int announced = board.announcements.get();

        served.put("billing", serving(2, 0));
        directory.membersChanged();

        awaitOnBoard(report -> report.durables().containsKey("billing"));
        assertThat(board.announcements.get()).as("the other nodes cache listings, not reports")
                .isEqualTo(announced);
    }

    @Test
    void aReadGivesEveryLiveNodesLastReportAndDropsOneWhoseHeartbeatRanOut() throws Exception {
        board.put("other", NOTHING, new DurablesReport("other", Instant.now(), Map.of("billing", serving(3, 1))),
                TTL, false);
        board.put("dying", NOTHING, new DurablesReport("dying", Instant.now(), Map.of("billing", serving(1, 0))),
                Duration.ofMillis(300), false);
        ResponderDirectory directory = start(Duration.ofMinutes(1));

        assertThat(directory.read().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .extracting(DurablesReport::node).containsExactlyInAnyOrder("me", "other", "dying");

        Thread.sleep(400);

        List<DurablesReport> later = directory.read().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(later).extracting(DurablesReport::node).containsExactlyInAnyOrder("me", "other");
        assertThat(later).filteredOn(report -> report.node().equals("other")).singleElement()
                .satisfies(report -> assertThat(report.durables().get("billing").members()).isEqualTo(3));
    }

    @Test
    void aReadFailsWhileTheBoardCannotBeRead() throws Exception {
        ResponderDirectory directory = start(Duration.ofMinutes(1));
        directory.changed().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        board.down.set(true);

        assertThatThrownBy(() -> directory.read().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("the board is unreachable");
    }

    private void awaitOnBoard(Predicate<DurablesReport> written) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            MemoryBoard.Listed mine = board.entries.get("me");
            if (mine != null && written.test(mine.report())) {
                return;
            }
            assertThat(System.nanoTime() - deadline).as("written within " + PATIENCE).isNegative();
            Thread.sleep(10);
        }
    }

    private static NodeActivity serving(int members, int inFlight) {
        List<DurableSubscriber> subscribers = new ArrayList<>();
        for (int n = 1; n <= members; n++) {
            subscribers.add(new DurableSubscriber("agent-" + n, "conn-" + n, "127.0.0.1:" + (5000 + n), AckMode.MANUAL,
                    0, Instant.now()));
        }
        return new NodeActivity("me", subscribers, inFlight, 0, null, null, null);
    }
}
