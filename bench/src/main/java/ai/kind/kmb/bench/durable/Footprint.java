package ai.kind.kmb.bench.durable;

import ai.kind.kmb.bench.inprocess.CpuTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the measured iterations of a durable benchmark cost per message: CPU time of the whole JVM
 * (publishers, the SQLite writer, its completer) and bytes this process sent to the disk. On a
 * shared machine these vary far less than the throughput, and the bytes show what a commit writes
 * beyond the message itself (pages of every index it touches, checkpoints).
 */
final class Footprint {
    private static final Path PROC_IO = Path.of("/proc/self/io");

    private long cpuAt;
    private long bytesAt;
    private long messagesAt;
    private long cpu;
    private long bytes;
    private long messages;

    void start(long messagesSoFar) {
        cpuAt = CpuTime.process();
        bytesAt = bytesWritten();
        messagesAt = messagesSoFar;
    }

    void stop(long messagesSoFar) {
        cpu += CpuTime.process() - cpuAt;
        bytes += bytesWritten() - bytesAt;
        messages += messagesSoFar - messagesAt;
    }

    String describe() {
        double perMessage = Math.max(1, messages);
        return String.format(Locale.ROOT, "%.1f µs CPU, %.2f KiB written per message", cpu / 1000.0 / perMessage,
                bytes / 1024.0 / perMessage);
    }

    /** Bytes this process caused to be written to storage (Linux); 0 elsewhere, which shows as 0 KiB. */
    private static long bytesWritten() {
        try {
            for (String line : Files.readAllLines(PROC_IO)) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc hidden: the figure is simply missing.
        }
        return 0;
    }
}
