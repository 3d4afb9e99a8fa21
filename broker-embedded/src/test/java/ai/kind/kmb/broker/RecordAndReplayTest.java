package ai.kind.kmb.broker;

import static ai.kind.kmb.broker.BrokerEphemeralTest.range;
import static ai.kind.kmb.broker.Messages.event;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.recording.Recorder;
import ai.kind.kmb.recording.RecordingReader;
import ai.kind.kmb.replay.ReplayEngine;
import ai.kind.kmb.replay.ReplayOptions;
import ai.kind.kmb.replay.ReplayProgress;
import ai.kind.kmb.replay.ReplaySource;
import ai.kind.kmb.replay.ReplaySpeed;
import ai.kind.kmb.replay.ReplayState;
import ai.kind.kmb.replay.ReplayTarget;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording live traffic and replaying it, through a real broker end to end. */
class RecordAndReplayTest {
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final ReplayEngine replays = new ReplayEngine(broker);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        replays.close();
        broker.close();
    }

    @Test
    void recordedTrafficReplaysUnderAPrefixToLiveSubscribers() throws Exception {
        Path file = dir.resolve("session.ndjson.gz");
        Recorder recorder = Recorder.start(broker, "agents.#", file, "test");
        Deliveries seen = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral("agents.#"), seen);
        for (int i = 0; i < 50; i++) {
            broker.publish(event("agents.planner.intent", i)).join();
        }
        seen.next(50);
        recorder.stop();
        try (RecordingReader reader = RecordingReader.open(file)) {
            assertThat(reader.stream().count()).isEqualTo(50);
        }

        Deliveries replayed = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral("replay.#"), replayed);
        var session = replays.start(new ReplaySource.RecordingFile(file), ReplayOptions.DEFAULT
                .withTarget(ReplayTarget.parse("replay")).withSpeed(ReplaySpeed.parse("max")));
        ReplayProgress done = session.completion().get(30, TimeUnit.SECONDS);

        assertThat(done.state()).isEqualTo(ReplayState.DONE);
        assertThat(done.published()).isEqualTo(50);
        List<Delivery> received = replayed.next(50);
        assertThat(received).extracting(Messages::n).containsExactlyElementsOf(range(0, 50, 1));
        assertThat(received).allSatisfy(d -> {
            assertThat(d.message().topic()).isEqualTo("replay.agents.planner.intent");
            assertThat(d.message().metadata().headers()).containsKey("replay_of");
        });
    }

    @Test
    void aStoredRangeReplaysToItsOriginalTopicsAndPausesAndStepsOnRequest() throws Exception {
        for (int i = 0; i < 5; i++) {
            broker.publish(event("orders.created", i), PublishOptions.DURABLE).join();
        }
        Deliveries replayed = new Deliveries();
        broker.subscribe(SubscribeOptions.ephemeral("orders.#"), replayed);

        var session = replays.create(new ReplaySource.StoredRange(broker.store(), null, null),
                ReplayOptions.DEFAULT.withSpeed(ReplaySpeed.parse("max")));
        session.startPaused();
        session.step().get(10, TimeUnit.SECONDS);
        session.step().get(10, TimeUnit.SECONDS);

        assertThat(replayed.next(2)).extracting(Messages::n).containsExactly(0, 1);
        assertThat(replayed.quietFor(Duration.ofMillis(200))).isEmpty();
        session.resume();
        assertThat(session.completion().get(30, TimeUnit.SECONDS).published()).isEqualTo(5);
        assertThat(replayed.next(3)).extracting(Messages::n).containsExactly(2, 3, 4);
    }
}
