package ai.kind.kmb.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kind.kmb.Json;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every snapshot store promises, whoever keeps it: memory, SQLite, Redis, PostgreSQL. An
 * engine's test extends this, opens a fresh, empty store in {@link #open()} and closes (and
 * removes) it after each test itself.
 */
@Timeout(120)
public abstract class SnapshotRecordsContract {
    /** Whole microseconds, the precision every durable engine keeps. */
    private static final Instant T0 = StoreFixtures.T0.plusNanos(123_456_000);

    protected SnapshotRecords records;

    /** A new store with no snapshots. */
    protected abstract SnapshotRecords open() throws Exception;

    @BeforeEach
    void openRecords() throws Exception {
        records = open();
    }

    /** A snapshot of {@code agent} covering {@code offset}, taken {@code offset} seconds after T0. */
    protected static Snapshot snapshot(String agent, long offset, JsonNode state) {
        long bytes = Json.mapper().valueToTree(state).toString().getBytes(StandardCharsets.UTF_8).length;
        return new Snapshot(new SnapshotInfo(UUID.randomUUID().toString(), agent, offset, List.of("plans.#", "jobs.*"),
                T0.plusSeconds(offset), bytes), state);
    }

    protected Snapshot save(String agent, long offset, JsonNode state) {
        Snapshot snapshot = snapshot(agent, offset, state);
        records.save(snapshot);
        return snapshot;
    }

    @Test
    void theLatestIsTheLastSavedAndEachAgentIsListedWithItsOwnNewest() {
        save("planner", 7, Json.object().put("n", 7));
        Snapshot last = save("planner", 3, Json.object().put("n", 3));
        save("ingest", 0, IntNode.valueOf(1));

        assertThat(records.latest("planner")).hasValueSatisfying(latest -> {
            assertThat(latest.info()).isEqualTo(last.info());
            assertThat(latest.state().get("n").asInt()).as("newest by saving, not by offset").isEqualTo(3);
        });
        assertThat(records.history("planner")).extracting(SnapshotInfo::offset).containsExactly(3L, 7L);
        assertThat(records.agents()).extracting(SnapshotInfo::agent, SnapshotInfo::offset)
                .containsExactly(tuple("ingest", 0L), tuple("planner", 3L));
        assertThat(records.latest("nobody")).isEmpty();
        assertThat(records.history("nobody")).isEmpty();
    }

    @Test
    void aSnapshotIsFoundByIdOnlyUnderItsOwnAgent() {
        Snapshot saved = save("planner", 1, Json.object().put("n", 1));
        save("ingest", 2, Json.object().put("n", 2));

        assertThat(records.get("planner", saved.info().id())).hasValueSatisfying(found ->
                assertThat(found.info()).isEqualTo(saved.info()));
        assertThat(records.get("ingest", saved.info().id())).isEmpty();
        assertThat(records.get("planner", "no-such-id")).isEmpty();
    }

    @Test
    void pruningKeepsTheNewestAndNeverTheLatest() {
        List<Snapshot> saved = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            saved.add(save("a", i, IntNode.valueOf(i)));
        }
        save("b", 1, IntNode.valueOf(1));

        assertThat(records.prune("a", 10)).isEqualTo(5);
        assertThat(records.history("a")).extracting(SnapshotInfo::offset)
                .containsExactly(15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L);
        assertThat(records.get("a", saved.getFirst().info().id())).isEmpty();
        assertThat(records.prune("a", 10)).isZero();
        assertThat(records.prune("a", 0)).as("keeps at least one").isEqualTo(9);
        assertThat(records.latest("a")).hasValueSatisfying(latest ->
                assertThat(latest.info()).isEqualTo(saved.getLast().info()));
        assertThat(records.prune("nobody", 1)).isZero();
        assertThat(records.history("b")).hasSize(1);
    }

    @Test
    void aStateAndItsDescriptionReadBackAsSaved() throws JsonProcessingException {
        JsonNode state = Json.mapper().readTree("""
                {"text":"héllo ✓ 😀","nul":"a\\u0000b","big":123456789012345678901234567890,"ratio":0.25,
                 "list":[1,"two",null,true],"nested":{"deep":{"deeper":[]}},"empty":{}}""");
        Snapshot saved = save("rich", 42, state);

        Snapshot read = records.latest("rich").orElseThrow();

        assertThat(read.state()).isEqualTo(state);
        assertThat(read.info()).isEqualTo(saved.info());
        assertThat(read.info().takenAt()).isEqualTo(T0.plusSeconds(42));
        assertThat(read.info().filters()).containsExactly("plans.#", "jobs.*");
        assertThat(records.history("rich")).containsExactly(saved.info());
    }

    @Test
    void aFiveMegabyteStateIsSavedAndReadWhole() {
        ObjectNode state = Json.object();
        ArrayNode chunks = state.putArray("chunks");
        for (int i = 0; i < 5 * 1024; i++) {
            chunks.add(i + ":" + "x".repeat(1_020));
        }
        Snapshot saved = save("big", 1, state);

        assertThat(saved.info().bytes()).isGreaterThan(5L * 1024 * 1024);
        assertThat(records.latest("big")).hasValueSatisfying(read -> {
            assertThat(read.info().bytes()).isEqualTo(saved.info().bytes());
            assertThat(read.state()).isEqualTo(state);
        });
    }

    @Test
    void savesFromManyThreadsAllLandAndEachThreadsKeepTheirOrder() throws Exception {
        int threads = 4;
        int each = 10;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long base = t * 1_000L;
                done.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        save("shared", base + i, IntNode.valueOf(i));
                    }
                }, pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        }

        List<SnapshotInfo> history = records.history("shared");

        assertThat(history).hasSize(threads * each);
        for (int t = 0; t < threads; t++) {
            long base = t * 1_000L;
            List<Long> own = history.stream().map(SnapshotInfo::offset).filter(o -> o / 1_000 == base / 1_000).toList();
            assertThat(own).as("thread %d's saves, newest first", t).isSortedAccordingTo((x, y) -> Long.compare(y, x))
                    .hasSize(each);
        }
        assertThat(records.latest("shared").orElseThrow().info()).isEqualTo(history.getFirst());
    }
}
