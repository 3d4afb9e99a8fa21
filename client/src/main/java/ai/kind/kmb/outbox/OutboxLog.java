package ai.kind.kmb.outbox;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The outbox's file: records appended one after another, each a 4-byte length, a 4-byte CRC-32C of
 * the body and the body (UTF-8 JSON). A body is either a message ({@code seq}, {@code durable},
 * {@code msg}) or the mark that every message up to {@code delivered} is on the broker. Not thread
 * safe: {@link Outbox} serializes the calls.
 */
final class OutboxLog implements AutoCloseable {
    static final String FILE = "outbox.log";
    /** A length beyond this is damage, not a message: the server refuses far smaller frames anyway. */
    static final int MAX_RECORD = 64 * 1024 * 1024;
    private static final int HEADER = 8;

    /** What reading the file back found: its records, and where and why a torn tail begins. */
    record Scan(List<JsonNode> records, long goodLength, long fileLength, String problem) {
    }

    private final Path file;
    private final FileChannel channel;

    private OutboxLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static OutboxLog open(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        return new OutboxLog(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    Path file() {
        return file;
    }

    /** Reads every intact record from the start, stopping at the first that is torn or damaged. */
    Scan scan() throws IOException {
        long size = channel.size();
        List<JsonNode> records = new ArrayList<>();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (position < size) {
            if (size - position < HEADER) {
                return new Scan(records, position, size, "a record header cut short at byte " + position);
            }
            header.clear();
            channel.read(header, position);
            int length = header.getInt(0);
            int crc = header.getInt(4);
            if (length <= 0 || length > MAX_RECORD) {
                return new Scan(records, position, size, "an impossible record length " + length + " at byte " + position);
            }
            if (size - position - HEADER < length) {
                return new Scan(records, position, size, "a record cut short at byte " + position);
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            channel.read(body, position + HEADER);
            if (checksum(body.array()) != crc) {
                return new Scan(records, position, size, "a checksum mismatch at byte " + position);
            }
            records.add(Json.mapper().readTree(body.array()));
            position += HEADER + length;
        }
        return new Scan(records, position, size, null);
    }

    /** Appends a message; with {@code sync}, returns only once it is on the disk. */
    void appendMessage(OutboxEntry entry, boolean sync) throws IOException {
        ObjectNode body = Json.object().put("seq", entry.sequence());
        if (entry.durable() != null) {
            body.put("durable", entry.durable());
        }
        body.set("msg", EnvelopeCodec.toJson(entry.message()));
        append(body, sync);
    }

    /**
     * Marks everything up to {@code sequence} delivered. Not synced: a mark lost in a crash only
     * sends those messages again, with the same ids, which the broker's dedup window absorbs.
     */
    void appendDelivered(long sequence) throws IOException {
        append(Json.object().put("delivered", sequence), false);
    }

    /** Empties the file, once nothing in it is waiting any more. */
    void clear() throws IOException {
        holdingInterrupt(() -> {
            channel.truncate(0);
            channel.force(true);
        });
    }

    /**
     * Moves the bytes from {@code from} to the end into {@code copy} and cuts them off this file, so
     * that appends follow the last intact record.
     */
    void cutTail(long from, Path copy) throws IOException {
        try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.transferTo(from, channel.size() - from, out);
            out.force(true);
        }
        channel.truncate(from);
        channel.force(true);
    }

    static OutboxEntry entry(JsonNode record) {
        JsonNode durable = record.get("durable");
        return new OutboxEntry(record.get("seq").asLong(), EnvelopeCodec.fromJson(record.get("msg")),
                durable == null || durable.isNull() ? null : durable.asBoolean());
    }

    private void append(ObjectNode body, boolean sync) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(HEADER + bytes.length);
        record.putInt(bytes.length).putInt(checksum(bytes)).put(bytes).flip();
        holdingInterrupt(() -> {
            long position = channel.size();
            while (record.hasRemaining()) {
                position += channel.write(record, position);
            }
            if (sync) {
                channel.force(false);
            }
        });
    }

    private interface FileWrite {
        void run() throws IOException;
    }

    /**
     * Writes with the calling thread's pending interrupt held back and set again after: a channel
     * used by an interrupted thread closes itself (ClosedByInterruptException), and the outbox with
     * it, for every caller.
     */
    private static void holdingInterrupt(FileWrite write) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            write.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
