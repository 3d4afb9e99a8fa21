package ai.kind.kmb.broker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable publish survives SIGKILL: a child JVM publishes from several threads and is killed
 * mid-stream; every message it saw acknowledged is in the store afterwards, exactly once, at the
 * offset its acknowledgement named.
 */
class CrashRecoveryTest {
    private static final int ACKS_BEFORE_KILL = 3000;

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedMessageSurvivesKillNineExactlyOnce() throws Exception {
        Map<String, Long> acknowledged = publishUntilKilled();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        Map<String, Integer> copies = new HashMap<>();
        Map<String, Long> offsets = new HashMap<>();
        try (SqliteStore store = SqliteStore.open(data)) {
            long after = 0;
            List<StoredMessage> page;
            do {
                page = store.query(HistoryQuery.all(HistoryQuery.MAX_LIMIT).after(after));
                for (StoredMessage message : page) {
                    copies.merge(message.envelope().id(), 1, Integer::sum);
                    offsets.put(message.envelope().id(), message.offset());
                    after = message.offset();
                }
            } while (!page.isEmpty());
        }
        assertThat(copies.values()).allMatch(count -> count == 1);
        acknowledged.forEach((id, offset) -> assertThat(offsets.get(id)).as("offset of " + id).isEqualTo(offset));
    }

    @Test
    void aPublisherRetryingAfterTheCrashGetsTheStoredCopyNotASecondOne() throws Exception {
        Map<String, Long> acknowledged = publishUntilKilled();
        String retried = acknowledged.keySet().iterator().next();

        try (Broker broker = Broker.start(SqliteStore.open(data), BrokerOptions.defaults())) {
            long before = broker.store().stats().messages();
            Envelope again = Envelope.event("crash.test.0", Json.object()).withId(retried);
            PublishAck ack = broker.publish(again, PublishOptions.DURABLE).join();

            assertThat(ack.duplicate()).isTrue();
            assertThat(ack.offset()).isEqualTo(acknowledged.get(retried));
            assertThat(broker.store().stats().messages()).isEqualTo(before);
        }
    }

    private Map<String, Long> publishUntilKilled() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashPublisher.class.getName(), data.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String line;
            while ((line = lines.readLine()) != null && acknowledged.size() < ACKS_BEFORE_KILL
                    && System.nanoTime() < deadline) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acknowledged.put(parts[1], Long.parseLong(parts[2]));
                }
            }
            // SIGKILL through the handle: Process.destroyForcibly would also close the pipe we still read.
            assertThat(child.toHandle().destroyForcibly()).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited after SIGKILL").isTrue();
            // Acknowledgements printed before the kill but not yet read are acknowledged too.
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acknowledged.put(parts[1], Long.parseLong(parts[2]));
                }
            }
        }
        return acknowledged;
    }
}
