package ai.kind.kmb.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on disk: what survives closing, a torn tail, and the one-owner rule. */
class OutboxTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Outbox open() {
        return Outbox.open(dir, CLOCK);
    }

    private static Envelope event(int n) {
        return Envelope.event("t", IntNode.valueOf(n));
    }

    @Test
    void addFixesTheIdAndTimestampAndWhatIsNotDeliveredIsThereAfterReopening() {
        String id;
        try (Outbox outbox = open()) {
            OutboxEntry first = outbox.add(event(1), true);
            id = outbox.add(event(2), null).message().id();
            outbox.add(event(3), false);
            outbox.delivered(first);
            assertThat(first.message().id()).isNotNull();
            assertThat(first.message().timestamp()).isEqualTo(CLOCK.instant());
        }
        try (Outbox again = open()) {
            assertThat(again.recovery()).isEqualTo(OutboxRecovery.clean(2));
            assertThat(again.pending()).extracting(entry -> entry.message().payload().asInt()).containsExactly(2, 3);
            assertThat(again.pending()).extracting(OutboxEntry::durable).containsExactly(null, false);
            assertThat(again.pending().getFirst().message().id()).isEqualTo(id);
            assertThat(again.add(event(4), true).sequence()).isGreaterThan(again.pending().get(1).sequence());
        }
    }

    @Test
    void aCallerInterruptedBeforeItAddsKeepsItsInterruptAndTheOutboxKeepsWorking() {
        try (Outbox outbox = open()) {
            Thread.currentThread().interrupt();
            OutboxEntry first = outbox.add(event(1), true);
            assertThat(Thread.interrupted()).as("the caller's interrupt, set again").isTrue();

            Thread.currentThread().interrupt();
            outbox.delivered(first);
            assertThat(Thread.interrupted()).isTrue();
            outbox.add(event(2), true);
        }
        try (Outbox again = open()) {
            assertThat(again.pending()).extracting(entry -> entry.message().payload().asInt()).containsExactly(2);
        }
    }

    @Test
    void deliveringEverythingEmptiesTheFile() throws IOException {
        try (Outbox outbox = open()) {
            outbox.delivered(outbox.add(event(1), true));
            assertThat(Files.size(dir.resolve(OutboxLog.FILE))).isZero();
        }
    }

    @Test
    void aTornTailIsReportedAndCutOffAndTheMessagesBeforeItAreKept() throws IOException {
        try (Outbox outbox = open()) {
            outbox.add(event(1), true);
            outbox.add(event(2), true);
        }
        Path file = dir.resolve(OutboxLog.FILE);
        long intact = Files.size(file);
        try (Outbox outbox = open()) {
            outbox.add(event(3), true);
        }
        // Killed in the middle of writing message 3: its last bytes never reached the disk.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) - 5);
        }
        long torn = Files.size(file) - intact;

        try (Outbox outbox = open()) {
            OutboxRecovery recovery = outbox.recovery();
            assertThat(recovery.damaged()).isTrue();
            assertThat(recovery.corruptBytes()).isEqualTo(torn);
            assertThat(recovery.problem()).contains("cut short at byte " + intact);
            assertThat(Files.size(recovery.corruptCopy())).isEqualTo(torn);
            assertThat(outbox.pending()).extracting(entry -> entry.message().payload().asInt()).containsExactly(1, 2);
            outbox.add(event(4), true);
        }
        try (Outbox outbox = open()) {
            assertThat(outbox.recovery().damaged()).isFalse();
            assertThat(outbox.pending()).extracting(entry -> entry.message().payload().asInt()).containsExactly(1, 2, 4);
        }
    }

    @Test
    void aFlippedByteIsCaughtByTheChecksum() throws IOException {
        try (Outbox outbox = open()) {
            outbox.add(event(1), true);
            outbox.add(event(2), true);
        }
        Path file = dir.resolve(OutboxLog.FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x20;
        Files.write(file, bytes);

        try (Outbox outbox = open()) {
            assertThat(outbox.recovery().problem()).contains("checksum mismatch");
            assertThat(outbox.pending()).extracting(entry -> entry.message().payload().asInt()).containsExactly(1);
        }
    }

    @Test
    void aSecondClientOnTheSameDirectoryIsRefused() {
        try (Outbox outbox = open()) {
            assertThatThrownBy(this::open).isInstanceOfSatisfying(KmbException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                assertThat(e.getMessage()).contains("in use by another client");
            });
        }
    }
}
