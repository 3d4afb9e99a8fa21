package ai.kind.kmb.broker.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the broker adds to a snapshot store: names, stamps, checks and keeping. The stores themselves
 * pass {@code SnapshotRecordsContract}.
 */
class SnapshotOperationsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aSaveIsNamedStampedAndMeasuredAndBecomesTheLatest() {
        try (SnapshotOperations snapshots = new SnapshotOperations(new InMemorySnapshotStore(), CLOCK)) {
            snapshots.save("planner", 3, List.of("plans.#"), Json.object().put("n", 3));
            SnapshotInfo last = snapshots.save("planner", 7, List.of("plans.#"), Json.object().put("n", 7));

            assertThat(last.id()).isNotBlank();
            assertThat(last.bytes()).isEqualTo("{\"n\":7}".length());
            assertThat(last.takenAt()).isEqualTo(CLOCK.instant());
            assertThat(snapshots.latest("planner")).hasValueSatisfying(latest -> assertThat(latest.info()).isEqualTo(last));
            assertThat(snapshots.get("planner", last.id()).state().get("n").asInt()).isEqualTo(7);
        }
    }

    @Test
    void aSaveAnswersWithTheDescriptionADurableStoreReadsBack() {
        Clock fine = Clock.fixed(Instant.parse("2026-01-01T00:00:00.123456789Z"), ZoneOffset.UTC);
        try (SnapshotOperations snapshots = new SnapshotOperations(SqliteSnapshotStore.open(dir), fine)) {
            SnapshotInfo saved = snapshots.save("planner", 1, List.of("plans.#"), IntNode.valueOf(1));

            assertThat(saved.takenAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
            assertThat(snapshots.latest("planner")).hasValueSatisfying(read -> assertThat(read.info()).isEqualTo(saved));
        }
    }

    @Test
    void onlyTheNewestAreKeptAndNeverLessThanTheLatest() {
        try (SnapshotOperations snapshots = new SnapshotOperations(new InMemorySnapshotStore(), CLOCK)) {
            for (int i = 1; i <= SnapshotOperations.KEEP + 5; i++) {
                snapshots.save("a", i, List.of("t"), IntNode.valueOf(i));
            }

            assertThat(snapshots.history("a")).hasSize(SnapshotOperations.KEEP)
                    .first().satisfies(newest -> assertThat(newest.offset()).isEqualTo(SnapshotOperations.KEEP + 5));
        }
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        try (SnapshotOperations snapshots = new SnapshotOperations(new InMemorySnapshotStore(), CLOCK)) {
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
    void aStateOverTheLimitIsRefusedNamingTheLimitAndNothingIsStored() {
        try (SnapshotOperations snapshots = new SnapshotOperations(new InMemorySnapshotStore(), CLOCK)) {
            TextNode huge = TextNode.valueOf("x".repeat(SnapshotOperations.MAX_STATE_BYTES));

            assertThatThrownBy(() -> snapshots.save("big", 1, List.of(), huge))
                    .isInstanceOfSatisfying(KmbException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
                        assertThat(e.getMessage()).contains("at most " + SnapshotOperations.MAX_STATE_BYTES);
                    });
            assertThat(snapshots.latest("big")).isEmpty();
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
