package ai.kind.kmb.broker.store.sqlite;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.consumer;
import static ai.kind.kmb.broker.store.StoreFixtures.letter;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.MessageStoreConformanceTest;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.StoreFixtures;
import ai.kind.kmb.history.StoredMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite on SQLite, plus what only a durable engine promises. */
class SqliteStoreTest extends MessageStoreConformanceTest {
    @TempDir
    Path directory;

    @Override
    protected MessageStore newStore() {
        return SqliteStore.open(directory, SqliteStoreOptions.defaults());
    }

    private SqliteStore sqlite() {
        return (SqliteStore) store;
    }

    @Test
    void offsetsStartAtOneAndHaveNoGaps() {
        assertThat(offsets(appendTopics("a.a", "a.b", "a.c"))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void everythingSurvivesCloseAndReopen() {
        List<StoredMessage> stored = appendTopics("keep.a", "keep.b", "keep.c");
        ConsumerState orders = consumer("orders", List.of(new PendingDelivery(2, "m-2", 3, T0, "boom")));
        store.saveConsumer(orders).join();
        DeadLetter dead = store.addDeadLetter(letter("dl-1", StoreFixtures.richMessage(), DeathReason.REJECTED,
                "orders", T0, "nope")).join();
        MessageStore.LogStats stats = store.stats();
        store.close();

        store = SqliteStore.open(directory, SqliteStoreOptions.defaults());

        assertThat(store.readAfter(0, 10)).containsExactlyElementsOf(stored);
        assertThat(store.lastOffset()).isEqualTo(3);
        assertThat(store.stats()).isEqualTo(stats);
        assertThat(store.loadConsumer("orders")).hasValue(orders);
        assertThat(store.deadLetters(DeadLetterQuery.all(10))).containsExactly(dead);
        assertThat(append(message("keep.d"), T0).offset()).isEqualTo(4);
    }

    @Test
    void theHighestOffsetSurvivesAReopenAfterRetentionDeletedEverything() {
        appendTopics("gone.a", "gone.b");
        store.enforceRetention(new RetentionPolicy(Duration.ofSeconds(1), 0), T0.plusSeconds(60));
        store.close();

        store = SqliteStore.open(directory, SqliteStoreOptions.defaults());

        assertThat(store.lastOffset()).isEqualTo(2);
        assertThat(append(message("gone.c"), T0).offset()).isEqualTo(3);
    }

    @Test
    void concurrentAppendsShareCommits() throws Exception {
        Runnable release = sqlite().pauseWriter();
        long commitsBefore = sqlite().writerStats().commits();
        List<CompletableFuture<StoredMessage>> futures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            String topic = "batch.t" + t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 100; i++) {
                    CompletableFuture<StoredMessage> future = store.append(message(topic), T0);
                    synchronized (futures) {
                        futures.add(future);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(futures).hasSize(1_000).noneMatch(CompletableFuture::isDone);

        release.run();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();

        SqliteStore.WriterStats stats = sqlite().writerStats();
        assertThat(stats.commits() - commitsBefore).as("commits for 1000 appends").isEqualTo(1);
        assertThat(store.stats().messages()).isEqualTo(1_000);
    }

    @Test
    void unsynchronizedConcurrentAppendsAlsoShareCommits() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            String topic = "race.t" + t;
            threads.add(Thread.ofPlatform().start(() -> {
                List<CompletableFuture<StoredMessage>> mine = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    mine.add(store.append(message(topic), T0));
                }
                mine.forEach(CompletableFuture::join);
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        SqliteStore.WriterStats stats = sqlite().writerStats();
        System.out.printf("1600 concurrent appends took %d commits%n", stats.commits());
        assertThat(stats.writes()).isEqualTo(1_600);
        assertThat(stats.commits()).isLessThan(1_600);
    }

    @Test
    void aFullQueueFailsAppendsWithUnavailableAfterTheTimeout() {
        store.close();
        store = SqliteStore.open(directory, SqliteStoreOptions.defaults().withWriteQueue(4, Duration.ofMillis(50)));
        Runnable release = sqlite().pauseWriter();
        List<CompletableFuture<StoredMessage>> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            queued.add(store.append(message("full.q"), T0));
        }

        CompletableFuture<StoredMessage> refused = store.append(message("full.q"), T0);

        assertThat(refused).isCompletedExceptionally();
        KmbException error = (KmbException) refused.exceptionNow();
        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).contains("overloaded").contains(directory.toString());
        release.run();
        assertThat(queued.stream().map(f -> f.join().offset())).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aFullDiskFailsTheWritesItHitsAndTheWriterCarriesOn() {
        store.close();
        store = SqliteStore.open(directory, SqliteStoreOptions.defaults().withMaxDatabaseBytes(512 * 1024));
        StoredMessage before = append(message("disk.small"), T0);

        CompletableFuture<StoredMessage> tooBig = store.append(bigMessage(1024 * 1024), T0);

        KmbException error = (KmbException) catchThrowable(tooBig::join).getCause();
        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).contains(sqlite().file().toString()).contains("full");
        StoredMessage after = append(message("disk.small"), T0);
        assertThat(after.offset()).isEqualTo(before.offset() + 1);
        assertThat(store.readAfter(0, 10)).containsExactly(before, after);
    }

    @Test
    void aTransactionThatDoesNotFitIsStoredNotAtAllRatherThanInPart() {
        store.close();
        store = SqliteStore.open(directory, SqliteStoreOptions.defaults().withMaxDatabaseBytes(512 * 1024));
        StoredMessage before = append(message("disk.small"), T0);

        CompletableFuture<List<StoredMessage>> tooBig = store.appendAll(
                List.of(message("tx.first"), bigMessage(1024 * 1024), message("tx.last")), T0);

        KmbException error = (KmbException) catchThrowable(tooBig::join).getCause();
        assertThat(error.getMessage()).contains("full");
        assertThat(store.readAfter(0, 10)).containsExactly(before);
        List<StoredMessage> fits = store.appendAll(List.of(message("tx.a"), message("tx.b")), T0).join();
        assertThat(offsets(fits)).containsExactly(before.offset() + 1, before.offset() + 2);
    }

    @Test
    void aFiveMegabytePayloadRoundTrips() {
        Envelope big = bigMessage(5 * 1024 * 1024);

        StoredMessage stored = append(big, T0);

        assertThat(store.readAfter(0, 1).getFirst().envelope()).isEqualTo(big);
        assertThat(store.findById(big.id(), T0)).hasValue(stored);
        assertThat(store.stats().bytes()).isGreaterThan(5L * 1024 * 1024);
    }

    @Test
    void aCallbackThatWaitsForAnotherWriteFailsInsteadOfDeadlocking() {
        // The writer is held so the callback is attached before the commit and so runs on the completer.
        Runnable release = sqlite().pauseWriter();
        CompletableFuture<Boolean> nested = store.append(message("cb.a"), T0)
                .thenApply(stored -> store.deleteConsumer("nobody"));
        release.run();

        assertThat(catchThrowable(nested::join)).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SqliteWriter.COMPLETER_NAME);
        assertThat(store.append(message("cb.b"), T0).thenComposeAsync(stored -> store.saveConsumer(
                consumer("after", List.of()))).join()).isNull();
    }

    @Test
    void closeCommitsEveryQueuedWrite() {
        List<CompletableFuture<StoredMessage>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(store.append(message("drain.m"), T0));
        }
        store.close();

        assertThat(futures).allMatch(future -> future.isDone() && !future.isCompletedExceptionally());
        store = SqliteStore.open(directory, SqliteStoreOptions.defaults());
        assertThat(store.stats().messages()).isEqualTo(500);
    }

    @Test
    void openingAGarbageFileNamesTheFile() throws Exception {
        store.close();
        Path garbage = directory.resolve("garbage");
        Files.createDirectories(garbage);
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Files.write(garbage.resolve(SqliteStoreOptions.DEFAULT_FILE_NAME), noise);

        assertThatThrownBy(() -> SqliteStore.open(garbage, SqliteStoreOptions.defaults()))
                .isInstanceOf(KmbException.class)
                .hasMessageContaining(garbage.resolve(SqliteStoreOptions.DEFAULT_FILE_NAME).toString())
                .hasMessageContaining("not a SQLite database");
        store = SqliteStore.open(directory, SqliteStoreOptions.defaults());
    }

    @Test
    void aSecondStoreOnTheSameFileIsRefused() {
        assertThatThrownBy(() -> SqliteStore.open(directory, SqliteStoreOptions.defaults()))
                .isInstanceOf(KmbException.class)
                .hasMessageContaining("already has it open");
    }

    @Test
    void aFileFromANewerVersionIsRefused() throws Exception {
        store.close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile());
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = " + (SqliteSchema.VERSION + 1));
        }

        assertThatThrownBy(() -> SqliteStore.open(directory, SqliteStoreOptions.defaults()))
                .isInstanceOf(KmbException.class)
                .hasMessageContaining("newer KMB");
        store = null;
    }

    @Test
    void theFileUsesWalAndRecordsItsSchemaVersion() throws Exception {
        store.close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile());
             Statement statement = connection.createStatement()) {
            assertThat(text(statement, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(text(statement, "PRAGMA user_version")).isEqualTo(String.valueOf(SqliteSchema.VERSION));
            assertThat(text(statement, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master "
                    + "WHERE type = 'index' AND tbl_name = 'messages' AND name NOT LIKE 'sqlite_%' ORDER BY name)"))
                    .isEqualTo("messages_id,messages_received_at,messages_topic,messages_trace_id");
        }
        store = null;
    }

    private Path sqliteFile() {
        return directory.resolve(SqliteStoreOptions.DEFAULT_FILE_NAME);
    }

    private static String text(Statement statement, String sql) throws Exception {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static Envelope bigMessage(int chars) {
        return message("big.payload").withPayload(Json.object().put("blob", "x".repeat(chars)));
    }
}
