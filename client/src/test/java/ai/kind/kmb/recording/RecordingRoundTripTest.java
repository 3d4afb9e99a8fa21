package ai.kind.kmb.recording;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.history.StoredMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"session.ndjson", "session.ndjson.gz"})
    void whatIsWrittenReadsBackUnchanged(String name) throws IOException {
        Path path = dir.resolve(name);
        List<StoredMessage> messages = List.of(Samples.rich(1), Samples.rich(2), Samples.rich(3));
        RecordingHeader header = RecordingHeader.of("kmb://127.0.0.1:7420", "agent.#", Samples.T0);
        try (RecordingWriter writer = RecordingWriter.create(path, header)) {
            messages.forEach(message -> write(writer, message));
            assertThat(writer.written()).isEqualTo(3);
        }

        try (RecordingReader reader = RecordingReader.open(path)) {
            assertThat(reader.header()).isEqualTo(header);
            List<StoredMessage> read = new ArrayList<>();
            for (RecordingEntry entry : reader) {
                read.add(new StoredMessage(entry.offset(), entry.receivedAt(), entry.message()));
            }
            assertThat(read).isEqualTo(messages);
            assertThat(reader.entryCount()).isEqualTo(3);
            assertThat(reader.problems()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"session.ndjson", "session.ndjson.gz"})
    void gzipIsChosenByTheGzSuffix(String name) throws IOException {
        Path path = dir.resolve(name);
        try (RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of("test", "#", Samples.T0))) {
            assertThat(writer.isGzip()).isEqualTo(name.endsWith(".gz"));
        }
        byte[] bytes = Files.readAllBytes(path);
        boolean gzipMagic = (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        assertThat(gzipMagic).isEqualTo(name.endsWith(".gz"));
    }

    @Test
    void aPlainFileIsOneReadableHeaderLineThenOneLinePerMessage() throws IOException {
        Path path = dir.resolve("plain.ndjson");
        try (RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of("test", "#", Samples.T0))) {
            writer.write(Samples.rich(7));
        }
        List<String> lines = Files.readAllLines(path);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(
                "{\"kmb_recording\":1,\"source\":\"test\",\"filter\":\"#\",\"started_at\":\"2025-06-20T15:42:00Z\"}");
        assertThat(lines.get(1)).startsWith("{\"received_at\":\"2025-06-20T15:42:00.008Z\",\"offset\":7,\"msg\":{\"id\":\"id-7\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"renamed.ndjson", "renamed.txt"})
    void aGzippedFileReadsWhateverItIsCalled(String name) throws IOException {
        Path gz = dir.resolve("original.ndjson.gz");
        try (RecordingWriter writer = RecordingWriter.create(gz, RecordingHeader.of("test", "#", Samples.T0))) {
            writer.write(Samples.rich(1));
        }
        Path renamed = Files.move(gz, dir.resolve(name));
        try (RecordingReader reader = RecordingReader.open(renamed)) {
            assertThat(reader.stream().count()).isEqualTo(1);
        }
    }

    private static void write(RecordingWriter writer, StoredMessage message) {
        try {
            writer.write(message);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
