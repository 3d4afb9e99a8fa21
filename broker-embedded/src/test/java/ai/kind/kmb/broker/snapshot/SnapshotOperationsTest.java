package ai.kind.kmb.broker.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import ai.kind.kmb.snapshot.SnapshotInfo;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Saving, reading and keeping snapshots, alike on every snapshot store. */
class SnapshotOperationsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static Stream<Function<Path, SnapshotStore>> stores() {
        return Stream.of(path -> new InMemorySnapshotStore(), SqliteSnapshotStore::open);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theLatestIsTheLastSavedAndEachAgentIsListedWithItsOwn(Function<Path, SnapshotStore> engine) {
        try (SnapshotOperations snapshots = new SnapshotOperations(engine.apply(dir), CLOCK)) {
            snapshots.save("planner", 3, List.of("plans.#"), Json.object().put("n", 3));
            SnapshotInfo last = snapshots.save("planner", 7, List.of("plans.#"), Json.object().put("n", 7));
            snapshots.save("ingest", 0, List.of(), IntNode.valueOf(1));

            assertThat(snapshots.latest("planner")).hasValueSatisfying(latest -> {
                assertThat(latest.info()).isEqualTo(last);
                assertThat(latest.state().get("n").asInt()).isEqualTo(7);
            });
            assertThat(last.bytes()).isEqualTo("{\"n\":7}".length());
            assertThat(last.takenAt()).isEqualTo(CLOCK.instant());
            assertThat(snapshots.history("planner")).extracting(SnapshotInfo::offset).containsExactly(7L, 3L);
            assertThat(snapshots.agents()).extracting(SnapshotInfo::agent, SnapshotInfo::offset)
                    .containsExactly(tuple("ingest", 0L),
                            tuple("planner", 7L));
            assertThat(snapshots.get("planner", last.id()).state().get("n").asInt()).isEqualTo(7);
            assertThat(snapshots.latest("nobody")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void onlyTheNewestAreKeptAndNeverLessThanTheLatest(Function<Path, SnapshotStore> engine) {
        try (SnapshotOperations snapshots = new SnapshotOperations(engine.apply(dir), CLOCK)) {
            for (int i = 1; i <= SnapshotOperations.KEEP + 5; i++) {
                snapshots.save("a", i, List.of("t"), IntNode.valueOf(i));
            }

            assertThat(snapshots.history("a")).hasSize(SnapshotOperations.KEEP)
                    .first().satisfies(newest -> assertThat(newest.offset()).isEqualTo(SnapshotOperations.KEEP + 5));
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void badInputIsRefusedNamingTheField(Function<Path, SnapshotStore> engine) {
        try (SnapshotOperations snapshots = new SnapshotOperations(engine.apply(dir), CLOCK)) {
            assertThatThrownBy(() -> snapshots.save("no/slash", 0, List.of(), IntNode.valueOf(1)))
                    .isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.details().getFirst().field())
                            .isEqualTo("agent"));
            assertThatThrownBy(() -> snapshots.save("a", -1, List.of(), IntNode.valueOf(1)))
                    .isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.details().getFirst().field())
                            .isEqualTo("offset"));
            assertThatThrownBy(() -> snapshots.save("a", 0, List.of("a.#.#x"), IntNode.valueOf(1)))
                    .isInstanceOf(KmbException.class);
            assertThatThrownBy(() -> snapshots.get("a", "missing"))
                    .isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void sqliteSnapshotsOutliveTheBrokerAndTheLogsRetention() throws Exception {
        try (Broker broker = Broker.start(SqliteStore.open(dir), BrokerOptions.defaults())) {
            broker.publish(Envelope.event("t", IntNode.valueOf(1)), PublishOptions.DURABLE).join();
            broker.snapshots().save("agent", 1, List.of("t"), IntNode.valueOf(1));
        }
        try (Broker broker = Broker.start(SqliteStore.open(dir), BrokerOptions.defaults())) {
            long deleted = broker.store().enforceRetention(new RetentionPolicy(Duration.ofMillis(1), 0),
                    Instant.now().plusSeconds(60));

            assertThat(deleted).isEqualTo(1);
            assertThat(broker.snapshots().latest("agent")).hasValueSatisfying(latest ->
                    assertThat(latest.info().offset()).isEqualTo(1));
        }
    }
}
