package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.cluster.ResponderBoard.Listing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The directory against a board in memory: what it caches, when it reads, and what it writes. */
@Timeout(30)
class ResponderDirectoryTest {
    private static final Duration HEARTBEAT = Duration.ofMinutes(1);
    private static final Duration TTL = Duration.ofMinutes(3);
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private final MemoryBoard board = new MemoryBoard();
    private final Set<String> localFilters = new CopyOnWriteArraySet<>();
    private final Set<QueueGroup> localGroups = new CopyOnWriteArraySet<>();
    private final Supplier<Listing> local = () -> new Listing(localFilters, localGroups);
    private final Supplier<DurablesReport> localReport = () -> new DurablesReport("me", NOW, Map.of());
    private final ResponderDirectory directory = new ResponderDirectory("me", board, HEARTBEAT, TTL);

    @AfterEach
    void close() {
        directory.close();
    }

    private static Listing filters(String... filters) {
        return new Listing(Set.of(filters), Set.of());
    }

    @Test
    void aResponderAnotherNodeListsIsFoundButThisNodesOwnEntryIsNot() throws Exception {
        board.list("other", filters("robot.#"), TTL, true);
        localFilters.add("mine.#");
        directory.start(local, localReport);

        assertThat(directory.respondsElsewhere("robot.move").get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(directory.respondsElsewhere("mine.move").get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aYesComesFromTheCacheButANoIsConfirmedByAReadFirst() throws Exception {
        board.list("other", filters("robot.#"), TTL, true);
        directory.start(local, localReport);
        assertThat(directory.respondsElsewhere("robot.move").get(5, TimeUnit.SECONDS)).isTrue();
        int reads = board.reads.get();

        assertThat(directory.respondsElsewhere("robot.arm").get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(board.reads.get()).as("found in memory").isEqualTo(reads);

        board.list("late", filters("arm.#"), TTL, true);
        assertThat(directory.respondsElsewhere("arm.lift").get(5, TimeUnit.SECONDS))
                .as("listed after the last read, found by the read before a no").isTrue();
        assertThat(board.reads.get()).isEqualTo(reads + 1);
    }

    @Test
    void aChangeCompletesOnceTheBoardHoldsTheNewFiltersAndAnnouncesIt() throws Exception {
        directory.start(local, localReport);
        directory.changed().get(5, TimeUnit.SECONDS);
        int announced = board.announcements.get();

        localFilters.add("robot.#");
        directory.changed().get(5, TimeUnit.SECONDS);

        assertThat(board.entries.get("me").listing().filters()).containsExactly("robot.#");
        assertThat(board.announcements.get()).isEqualTo(announced + 1);

        directory.changed().get(5, TimeUnit.SECONDS);
        assertThat(board.announcements.get()).as("nothing new, nothing announced").isEqualTo(announced + 1);
    }

    @Test
    void anEntryStopsCountingWhenItsHeartbeatRunsOut() throws Exception {
        board.list("dying", filters("robot.#"), Duration.ofMillis(300), true);
        directory.start(local, localReport);
        assertThat(directory.respondsElsewhere("robot.move").get(5, TimeUnit.SECONDS)).isTrue();

        Thread.sleep(400);

        assertThat(directory.respondsElsewhere("robot.move").get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void whenTheBoardCannotBeReadTheRequestIsLetThrough() throws Exception {
        directory.start(local, localReport);
        directory.changed().get(5, TimeUnit.SECONDS);
        board.down.set(true);

        assertThat(directory.respondsElsewhere("robot.move").get(5, TimeUnit.SECONDS))
                .as("the publish then meets the real failure").isTrue();
    }

    @Test
    void closingRemovesThisNodesEntry() throws Exception {
        localFilters.add("robot.#");
        directory.start(local, localReport);
        directory.changed().get(5, TimeUnit.SECONDS);
        assertThat(board.entries).containsKey("me");

        directory.close();

        assertThat(board.entries).doesNotContainKey("me");
    }

    @Test
    void theListingWrittenCarriesThisNodesQueueGroups() throws Exception {
        directory.start(local, localReport);
        QueueGroup workers = new QueueGroup("jobs.#", "workers");

        localGroups.add(workers);
        directory.changed().get(5, TimeUnit.SECONDS);

        assertThat(board.entries.get("me").listing().groups()).containsExactly(workers);
    }

    @Test
    void aGroupWithMembersOnlyHereIsAlwaysDeliveredHere() throws Exception {
        board.list("other", new Listing(Set.of(), Set.of(new QueueGroup("jobs.#", "other-group"))), TTL, true);
        directory.start(local, localReport);
        awaitRead();

        QueueGroup workers = new QueueGroup("jobs.#", "workers");
        assertThat(IntStream.range(0, 100).mapToObj(n -> "m" + n))
                .allSatisfy(id -> assertThat(directory.deliversHere(workers, id)).isTrue());
    }

    @Test
    void aGroupWithMembersOnAnotherNodeIsSplitAndEachMessageIsTheOtherNodesWhenNotHere() throws Exception {
        QueueGroup workers = new QueueGroup("jobs.#", "workers");
        board.list("other", new Listing(Set.of("jobs.#"), Set.of(workers)), TTL, true);
        directory.start(local, localReport);
        awaitRead();
        ResponderDirectory theOther = new ResponderDirectory("other", board, HEARTBEAT, TTL);
        board.list("me", new Listing(Set.of("jobs.#"), Set.of(workers)), TTL, true);
        theOther.start(() -> board.entries.get("other").listing(), () -> board.entries.get("other").report());
        try {
            assertThat(theOther.respondsElsewhere("jobs.run").get(5, TimeUnit.SECONDS)).isTrue();
            List<String> ids = IntStream.range(0, 1000).mapToObj(n -> UUID.randomUUID().toString()).toList();

            long here = ids.stream().filter(id -> directory.deliversHere(workers, id)).count();

            assertThat(ids).as("each message delivered by exactly one of the two nodes")
                    .allSatisfy(id -> assertThat(directory.deliversHere(workers, id))
                            .isNotEqualTo(theOther.deliversHere(workers, id)));
            assertThat(here).as("both nodes take a share").isBetween(400L, 600L);
        } finally {
            theOther.close();
        }
    }

    @Test
    void aNodeWhoseEntryRanOutIsNoLongerPickedForItsGroups() throws Exception {
        QueueGroup workers = new QueueGroup("jobs.#", "workers");
        board.list("dying", new Listing(Set.of("jobs.#"), Set.of(workers)), Duration.ofMillis(300), true);
        directory.start(local, localReport);
        awaitRead();
        List<String> ids = IntStream.range(0, 100).mapToObj(n -> UUID.randomUUID().toString()).toList();
        assertThat(ids.stream().filter(id -> !directory.deliversHere(workers, id))).as("the dying node's share")
                .isNotEmpty();

        Thread.sleep(400);

        assertThat(ids).allSatisfy(id -> assertThat(directory.deliversHere(workers, id)).isTrue());
    }

    /** Waits for a read of the board: a request for a topic nobody lists is answered only after one. */
    private void awaitRead() throws Exception {
        directory.respondsElsewhere("nobody.listens").get(5, TimeUnit.SECONDS);
    }
}
