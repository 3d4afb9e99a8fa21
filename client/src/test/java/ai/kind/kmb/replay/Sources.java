package ai.kind.kmb.replay;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.recording.RecordingHeader;
import ai.kind.kmb.recording.RecordingWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Sources and waits for the replay tests. */
final class Sources {
    static final Instant T0 = Instant.parse("2025-06-20T15:42:00Z");

    private Sources() {
    }

    static Envelope message(String id, String topic) {
        return Envelope.event(topic, Json.object().put("id", id)).withId(id).withTimestamp(T0);
    }

    /** A recording of messages m1..mN on {@code topic}, received at T0 plus the given offsets. */
    static Path recording(Path dir, String topic, Duration... receivedAfter) throws IOException {
        Path path = dir.resolve("r-" + System.nanoTime() + ".ndjson");
        try (RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of("test", "#", T0))) {
            for (int i = 0; i < receivedAfter.length; i++) {
                writer.write(T0.plus(receivedAfter[i]), i + 1, message("m" + (i + 1), topic));
            }
        }
        return path;
    }

    static Path recording(Path dir, int messages) throws IOException {
        Duration[] times = new Duration[messages];
        for (int i = 0; i < messages; i++) {
            times[i] = Duration.ofMillis(i);
        }
        return recording(dir, "a.b", times);
    }

    /**
     * How long a test waits for the replay's thread before failing instead of hanging. Generous on
     * purpose: it guards against hangs, it is not a timing assertion, and CI machines are shared.
     */
    static final long PATIENCE_SECONDS = 60;

    /** Waits for a state the replay's own thread moves to. */
    static void awaitState(ReplaySession session, ReplayState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (session.state() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("replay stayed " + session.state() + ", expected " + state);
            }
            Thread.sleep(1);
        }
    }

    static ReplayProgress finished(ReplaySession session) throws Exception {
        return session.completion().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }
}
