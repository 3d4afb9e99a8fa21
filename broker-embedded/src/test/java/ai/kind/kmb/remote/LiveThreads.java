package ai.kind.kmb.remote;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of the threads alive now, virtual ones included: {@link Thread#getAllStackTraces()}
 * leaves virtual threads out, and the client runs its subscriptions on them.
 */
final class LiveThreads {
    private LiveThreads() {
    }

    static List<String> names() throws IOException {
        Path dir = Files.createTempDirectory("threads");
        Path file = dir.resolve("dump.json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toAbsolutePath().toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            List<String> names = new ArrayList<>();
            for (JsonNode container : Json.mapper().readTree(file.toFile()).at("/threadDump/threadContainers")) {
                container.path("threads").forEach(thread -> names.add(thread.path("name").asText()));
            }
            return names;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** Platform threads that keep the JVM alive. */
    static List<String> nonDaemon() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .map(Thread::getName).toList();
    }
}
