package ai.kind.kmb.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.remote.LiveServer;
import ai.kind.kmb.remote.RemoteConnection;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stateful agent against a real server: snapshot, replay after its offset, then live without a gap. */
class StatefulAgentTest {
    private final LiveServer server = new LiveServer();
    private final RemoteConnection connection = RemoteConnection.open(server.options());

    @AfterEach
    void close() {
        connection.close();
        server.close();
    }

    private long publish(String topic, int n) {
        return connection.publish(Envelope.event(topic, IntNode.valueOf(n)), PublishOptions.DURABLE).join().offset();
    }

    /** Sums what it sees, as a stand-in for real agent state. */
    private static final class Summer implements AgentHandler {
        final List<Integer> applied = new ArrayList<>();
        final BlockingQueue<Integer> live = new LinkedBlockingQueue<>();
        Integer restoredSum;

        @Override
        public void onSnapshot(Snapshot snapshot) {
            restoredSum = snapshot.state().get("sum").asInt();
        }

        @Override
        public void onMessage(long offset, Envelope message) {
            applied.add(message.payload().asInt());
            live.add(message.payload().asInt());
        }
    }

    @Test
    void restoreLoadsTheLatestSnapshotReplaysWhatCameAfterItThenGoesLive() throws Exception {
        StatefulAgent agent = new StatefulAgent(connection, "summer", List.of("numbers.#", "extra"));
        publish("numbers.a", 1);
        long covered = publish("numbers.b", 2);
        agent.save(covered - 1, Json.object().put("sum", 0));
        agent.save(covered, Json.object().put("sum", 3));
        publish("numbers.a", 4);
        publish("other", 100);
        publish("extra", 5);

        Summer summer = new Summer();
        try (StatefulAgent.Restored restored = agent.restore(summer, true)) {
            assertThat(summer.restoredSum).isEqualTo(3);
            assertThat(summer.applied).containsExactly(4, 5);
            assertThat(restored.replayed()).isEqualTo(2);
            assertThat(restored.snapshot()).hasValueSatisfying(info -> assertThat(info.offset()).isEqualTo(covered));

            summer.live.clear();
            publish("numbers.c", 6);
            assertThat(summer.live.poll(10, TimeUnit.SECONDS)).isEqualTo(6);
            assertThat(summer.applied).containsExactly(4, 5, 6);
        }
    }

    @Test
    void anAgentWithoutSnapshotReplaysEverythingAndSnapshotsAreListedOverRest() {
        publish("numbers.a", 1);
        publish("numbers.a", 2);
        Summer summer = new Summer();

        StatefulAgent.Restored restored = new StatefulAgent(connection, "fresh", List.of("numbers.#"))
                .restore(summer, false);

        assertThat(restored.snapshot()).isEmpty();
        assertThat(restored.isLive()).isFalse();
        assertThat(summer.restoredSum).isNull();
        assertThat(summer.applied).containsExactly(1, 2);

        SnapshotInfo saved = new StatefulAgent(connection, "fresh", List.of("numbers.#")).save(restored.position(),
                IntNode.valueOf(3));
        assertThat(connection.snapshots().agents()).singleElement().isEqualTo(saved);
        assertThat(connection.snapshots().history("fresh")).containsExactly(saved);
        assertThat(connection.snapshots().get("fresh", saved.id()).state().asInt()).isEqualTo(3);
        assertThat(server.broker.snapshots().latest("fresh")).isPresent();
        assertThatThrownBy(() -> connection.snapshots().get("fresh", "nope"))
                .isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aHandlerThatFailsStopsTheRestoreNamingTheOffset() {
        long offset = publish("numbers.a", 1);
        StatefulAgent agent = new StatefulAgent(connection, "fragile", List.of("numbers.#"));

        assertThatThrownBy(() -> agent.restore((at, message) -> {
            throw new IllegalStateException("bad state");
        }, true)).isInstanceOfSatisfying(KmbException.class, e -> assertThat(e.getMessage())
                .contains("offset " + offset, "bad state"));
    }
}
