package ai.kind.kmb.recording;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeRecordingTest {
    private static final int LINES = 100_000;

    @TempDir
    Path dir;

    @Test
    void aLargeRecordingIsReadAsAStreamNotLoadedWhole() throws IOException {
        Path path = dir.resolve("big.ndjson");
        try (RecordingWriter writer = RecordingWriter.create(path, RecordingHeader.of("test", "#", Samples.T0))) {
            for (int i = 1; i <= LINES; i++) {
                writer.write(Samples.T0.plusMillis(i), i, Envelope.event("load.test", Json.object().put("n", i)));
            }
        }
        long size = Files.size(path);

        CountingStream counting = new CountingStream(Files.newInputStream(path));
        try (RecordingReader reader = RecordingReader.open(counting, "big.ndjson")) {
            Iterator<RecordingEntry> entries = reader.iterator();
            assertThat(entries.next().offset()).isEqualTo(1);
            // Having read one entry, the reader has taken in no more than a buffer or two.
            assertThat(counting.read).isLessThan(256 * 1024).isLessThan(size / 10);

            long count = 1;
            long lastOffset = 1;
            while (entries.hasNext()) {
                lastOffset = entries.next().offset();
                count++;
            }
            assertThat(count).isEqualTo(LINES);
            assertThat(lastOffset).isEqualTo(LINES);
            assertThat(reader.entryCount()).isEqualTo(LINES);
            assertThat(counting.read).isEqualTo(size);
        }
    }

    /** Counts the bytes the reader has pulled from the file. */
    private static final class CountingStream extends FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            read += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            read += Math.max(0, n);
            return n;
        }
    }
}
