package ai.kind.kmb.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingWriterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"live.ndjson", "live.ndjson.gz"})
    void everyWrittenLineIsInTheFileBeforeClose(String name) throws IOException {
        Path path = dir.resolve(name);
        try (RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of("test", "#", Samples.T0))) {
            for (int i = 1; i <= 3; i++) {
                writer.write(Samples.rich(i));
                try (RecordingReader reader = RecordingReader.open(path)) {
                    assertThat(reader.stream().count()).isEqualTo(i);
                }
            }
        }
    }

    @Test
    void writesFromManyThreadsNeverInterleave() throws Exception {
        Path path = dir.resolve("busy.ndjson.gz");
        int threads = 8;
        int each = 500;
        try (RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of("test", "#", Samples.T0));
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        writer.write(Samples.rich(base + i));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            assertThat(writer.written()).isEqualTo(threads * each);
        }
        try (RecordingReader reader = RecordingReader.open(path)) {
            var offsets = ConcurrentHashMap.<Long>newKeySet();
            reader.forEach(entry -> offsets.add(entry.offset()));
            assertThat(offsets).hasSize(threads * each);
            assertThat(reader.problems()).isEmpty();
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path path = Samples.file(dir, "precious.ndjson", "the only copy\n");
        assertThatThrownBy(() -> RecordingWriter.create(path, RecordingHeader.of("test", "#", Samples.T0)))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(path)).isEqualTo("the only copy\n");
    }

    @Test
    void writingAfterCloseFailsClearly() throws IOException {
        Path path = dir.resolve("closed.ndjson");
        RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of("test", "#", Samples.T0));
        writer.close();
        writer.close();
        assertThatThrownBy(() -> writer.write(Samples.rich(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is closed");
    }
}
