package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.kmbd.Kmbd;
import ai.kind.kmb.recording.RecordingReader;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.remote.RestClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmbctl and kmbd as separate processes, started the way bin/kmbctl and bin/kmbd start them. */
class KmbctlAgainstKmbdTest {
    @TempDir
    Path dir;

    private Child kmbd;
    private String url;

    @BeforeEach
    void startKmbd() throws InterruptedException {
        kmbd = Child.start(dir, Map.of(), Kmbd.class, "--port", "0", "--data", dir.resolve("data").toString());
        url = kmbd.awaitListening();
    }

    @AfterEach
    void stopKmbd() throws InterruptedException {
        kmbd.close();
    }

    @Test
    void publishThenHistoryThroughTheEnvironmentsUrlExitZero() throws InterruptedException {
        Child publish = kmbctl(Map.of(), "--url", url, "publish", "orders.created", "{\"n\":1}", "--durable");
        assertThat(publish.awaitExit()).isZero();
        assertThat(publish.out()).startsWith("published ").contains("to orders.created at offset 1");

        Child history = kmbctl(Map.of("KMB_URL", url), "history", "--json");
        assertThat(history.awaitExit()).isZero();
        assertThat(TestJson.read(history.out().strip()).at("/msg/payload/n").asInt()).isEqualTo(1);
        assertThat(history.err()).isEmpty();
    }

    @Test
    void failuresExitWithTheirCodeAndOneLineOnStandardError() throws InterruptedException {
        Child badJson = kmbctl(Map.of(), "--url", url, "publish", "a.b", "{oops");
        Child notFound = kmbctl(Map.of(), "--url", url, "dlq", "show", "missing");
        Child down = kmbctl(Map.of("KMB_URL", "http://127.0.0.1:1"), "topics");

        assertThat(badJson.awaitExit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badJson.err().lines()).singleElement().asString().startsWith("kmbctl: the payload is not valid JSON");
        assertThat(notFound.awaitExit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(notFound.err().lines()).containsExactly("kmbctl: no dead letter with id 'missing'");
        assertThat(down.awaitExit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(down.err().lines()).singleElement().asString().startsWith("kmbctl: cannot connect to http://127.0.0.1:1: connection refused");
    }

    @Test
    void aRecordingStoppedBySignalIsClosedProperly() throws Exception {
        Path file = dir.resolve("traffic.ndjson.gz");
        Child record = kmbctl(Map.of(), "--url", url, "record", "orders.#", "--out", file.toString());
        try (RestClient rest = RestClient.of(RemoteBusOptions.defaults(URI.create(url)))) {
            for (int i = 0; i < 600 && RecordingWritten.count(file) < 2; i++) {
                rest.publish(Envelope.event("orders.paid", Json.object().put("i", i)), PublishOptions.EPHEMERAL);
                Thread.sleep(100);
            }
        }

        // SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hook: the recorder stops and writes the gzip trailer.
        record.process.destroy();
        record.awaitExit();

        try (RecordingReader reader = RecordingReader.open(file)) {
            assertThat(reader.stream().count()).isGreaterThanOrEqualTo(2);
            assertThat(reader.problems()).as("a complete file, trailer included").isEmpty();
        }
        assertThat(record.out()).startsWith("recorded ");
    }

    private Child kmbctl(Map<String, String> environment, String... args) {
        return Child.start(dir, environment, Kmbctl.class, args);
    }

    /** How many messages a recording being written holds so far, reading what was flushed. */
    private static final class RecordingWritten {
        static long count(Path file) {
            if (!file.toFile().exists()) {
                return 0;
            }
            try (RecordingReader reader = RecordingReader.open(file)) {
                return reader.stream().count();
            } catch (Exception e) {
                return 0;
            }
        }
    }
}
