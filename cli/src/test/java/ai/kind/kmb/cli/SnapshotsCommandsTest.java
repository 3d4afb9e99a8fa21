package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.snapshot.SnapshotInfo;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** kmbctl snapshots list and show against a server whose agents saved snapshots. */
class SnapshotsCommandsTest {
    private final TestKmbd kmbd = new TestKmbd();

    @AfterEach
    void stop() {
        kmbd.close();
    }

    private SnapshotInfo save(String agent, long offset, int count) {
        return kmbd.broker.snapshots().save(agent, offset, List.of("orders.#"), Json.object().put("count", count));
    }

    @Test
    void listShowsEachAgentsLatestOrOneAgentsHistory() {
        save("billing", 4, 1);
        SnapshotInfo latest = save("billing", 9, 2);
        save("shipping", 2, 3);

        TestKmbd.Result agents = kmbd.kmbctl("snapshots", "list");
        TestKmbd.Result history = kmbd.kmbctl("snapshots", "list", "billing", "--json");

        assertThat(agents.code()).isZero();
        assertThat(agents.lines()).hasSize(3);
        assertThat(agents.lines().getFirst()).contains("AGENT", "ID", "OFFSET", "TAKEN", "BYTES", "FILTERS");
        assertThat(agents.lines().get(1)).startsWith("billing").contains(latest.id(), " 9 ", "orders.#");
        assertThat(agents.lines().get(2)).startsWith("shipping");
        assertThat(history.lines()).extracting(line -> TestJson.read(line).get("offset").asLong()).containsExactly(9L, 4L);
    }

    @Test
    void showPrintsTheLatestOrTheOneAskedForWithItsState() {
        SnapshotInfo first = save("billing", 4, 1);
        save("billing", 9, 2);

        TestKmbd.Result latest = kmbd.kmbctl("snapshots", "show", "billing");
        TestKmbd.Result older = kmbd.kmbctl("snapshots", "show", "billing", first.id(), "--json");
        TestKmbd.Result none = kmbd.kmbctl("snapshots", "show", "nobody");

        assertThat(latest.code()).isZero();
        assertThat(latest.lines()).contains("agent:    billing", "offset:   9", "filters:  orders.#", "state:");
        assertThat(latest.out()).contains("\"count\" : 2");
        assertThat(TestJson.read(older.out()).at("/state/count").asInt()).isEqualTo(1);
        assertThat(none.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(none.errLines()).containsExactly("kmbctl: agent 'nobody' has no snapshot");
    }
}
