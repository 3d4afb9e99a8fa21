package ai.kind.kmb.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReaderProblemsTest {
    @TempDir
    Path dir;

    @Test
    void aCorruptLineInTheMiddleIsReportedWithItsLineNumberAndTheRestReads() throws IOException {
        Path path = Samples.file(dir, "r.ndjson", String.join("\n", Samples.headerLine(), Samples.entryLine(1),
                "{\"received_at\": garbage", Samples.entryLine(3), Samples.entryLine(4)) + "\n");
        try (RecordingReader reader = RecordingReader.open(path)) {
            List<String> ids = reader.stream().map(entry -> entry.message().id()).toList();
            assertThat(ids).containsExactly("m1", "m3", "m4");
            assertThat(reader.entryCount()).isEqualTo(3);
            assertThat(reader.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.lineNumber()).isEqualTo(3);
                assertThat(problem.reason()).startsWith("not valid JSON");
            });
        }
    }

    @Test
    void aLineThatIsJsonButNotAnEntrySaysWhatIsWrong() throws IOException {
        Path path = Samples.file(dir, "r.ndjson", String.join("\n", Samples.headerLine(),
                "{\"received_at\":\"yesterday\",\"msg\":{\"topic\":\"a\"}}",
                "{\"received_at\":\"2025-06-20T15:42:00Z\"}",
                "{\"received_at\":\"2025-06-20T15:42:00Z\",\"msg\":{\"topic\":\"a.*\"}}",
                "[1,2]", Samples.entryLine(6)) + "\n");
        try (RecordingReader reader = RecordingReader.open(path)) {
            assertThat(reader.stream().count()).isEqualTo(1);
            assertThat(reader.problems()).extracting(RecordingProblem::lineNumber).containsExactly(2L, 3L, 4L, 5L);
            assertThat(reader.problems()).extracting(RecordingProblem::reason).satisfiesExactly(
                    reason -> assertThat(reason).contains("'received_at' is 'yesterday', not an RFC 3339 date-time"),
                    reason -> assertThat(reason).contains("no 'msg' field"),
                    reason -> assertThat(reason).contains("not a valid envelope").contains("wildcard"),
                    reason -> assertThat(reason).contains("not a JSON object"));
        }
    }

    @Test
    void aTruncatedLastLineIsReportedAndEverythingBeforeItReads() throws IOException {
        String cut = Samples.entryLine(3).substring(0, 30);
        Path path = Samples.file(dir, "r.ndjson",
                Samples.headerLine() + "\n" + Samples.entryLine(1) + "\n" + Samples.entryLine(2) + "\n" + cut);
        try (RecordingReader reader = RecordingReader.open(path)) {
            assertThat(reader.stream().map(entry -> entry.message().id())).containsExactly("m1", "m2");
            assertThat(reader.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.lineNumber()).isEqualTo(4);
                assertThat(problem.reason()).contains("cut short");
            });
        }
    }

    @Test
    void aCompleteLastLineWithoutNewlineStillReads() throws IOException {
        Path path = Samples.file(dir, "r.ndjson", Samples.headerLine() + "\n" + Samples.entryLine(1));
        try (RecordingReader reader = RecordingReader.open(path)) {
            assertThat(reader.stream().count()).isEqualTo(1);
            assertThat(reader.problems()).isEmpty();
        }
    }

    @Test
    void blankLinesAndWindowsLineEndsAreNotProblems() throws IOException {
        Path path = Samples.file(dir, "r.ndjson",
                Samples.headerLine() + "\r\n\r\n" + Samples.entryLine(1) + "\r\n   \n" + Samples.entryLine(2) + "\r\n");
        try (RecordingReader reader = RecordingReader.open(path)) {
            assertThat(reader.stream().map(RecordingEntry::lineNumber)).containsExactly(3L, 5L);
            assertThat(reader.problems()).isEmpty();
        }
    }

    @Test
    void aGzipFileWhoseWriterWasKilledReadsEveryFlushedLine() throws IOException {
        Path path = dir.resolve("live.ndjson.gz");
        RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of("test", "#", Samples.T0));
        for (int i = 1; i <= 5; i++) {
            writer.write(Samples.rich(i));
        }
        // Copy the file while the writer is still open: what a kill -9 at this moment leaves behind.
        Path killed = Files.write(dir.resolve("killed.ndjson.gz"), Files.readAllBytes(path));
        writer.close();

        try (RecordingReader reader = RecordingReader.open(killed)) {
            assertThat(reader.stream().count()).isEqualTo(5);
            assertThat(reader.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.lineNumber()).isEqualTo(7);
                assertThat(problem.reason()).contains("without its gzip trailer");
            });
        }
    }

    @Test
    void aGzipFileCutInTheMiddleReadsUpToTheCut() throws IOException {
        Path path = dir.resolve("full.ndjson.gz");
        try (RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of("test", "#", Samples.T0))) {
            for (int i = 1; i <= 200; i++) {
                writer.write(Samples.rich(i));
            }
        }
        byte[] bytes = Files.readAllBytes(path);
        Path cut = Files.write(dir.resolve("cut.ndjson.gz"), Arrays.copyOf(bytes, bytes.length / 2));

        try (RecordingReader reader = RecordingReader.open(cut)) {
            long read = reader.stream().count();
            assertThat(read).isBetween(1L, 199L);
            assertThat(reader.problems()).singleElement()
                    .satisfies(problem -> assertThat(problem.lineNumber()).isEqualTo(read + 2));
        }
    }

    @Test
    void aFileWithoutAHeaderIsRefusedNamingTheFile() throws IOException {
        Path path = Samples.file(dir, "notes.ndjson", Samples.entryLine(1) + "\n");
        assertThatThrownBy(() -> RecordingReader.open(path))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining("is not a KMB recording")
                .hasMessageContaining("'kmb_recording'");
    }

    @Test
    void aHeaderThatIsNotJsonIsRefusedNamingTheFile() throws IOException {
        Path path = Samples.file(dir, "photo.jpg", "\u00ff\u00d8 binary junk\n");
        assertThatThrownBy(() -> RecordingReader.open(path))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path path = Samples.file(dir, "empty.ndjson", "");
        assertThatThrownBy(() -> RecordingReader.open(path))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("it is empty");
    }

    @Test
    void aNewerFormatVersionIsRefused() throws IOException {
        Path path = Samples.file(dir, "future.ndjson",
                "{\"kmb_recording\":2,\"started_at\":\"2025-06-20T15:42:00Z\"}\n" + Samples.entryLine(1) + "\n");
        assertThatThrownBy(() -> RecordingReader.open(path))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("format version 2")
                .hasMessageContaining("reads format 1 only");
    }

    @Test
    void aHeaderWithABadStartTimeIsRefused() throws IOException {
        Path path = Samples.file(dir, "r.ndjson", "{\"kmb_recording\":1,\"started_at\":\"noon\"}\n");
        assertThatThrownBy(() -> RecordingReader.open(path))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("'started_at' is 'noon'");
    }

    @Test
    void aGzipFileCutInsideItsOwnHeaderIsRefused() throws IOException {
        Path path = Files.write(dir.resolve("stub.ndjson.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        assertThatThrownBy(() -> RecordingReader.open(path))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("not readable gzip");
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        assertThatThrownBy(() -> RecordingReader.open(dir.resolve("absent.ndjson")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void entriesCanBeIteratedOnlyOnce() throws IOException {
        Path path = Samples.file(dir, "r.ndjson", Samples.headerLine() + "\n" + Samples.entryLine(1) + "\n");
        try (RecordingReader reader = RecordingReader.open(path)) {
            reader.iterator();
            assertThatThrownBy(reader::iterator).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("open it again");
        }
    }
}
