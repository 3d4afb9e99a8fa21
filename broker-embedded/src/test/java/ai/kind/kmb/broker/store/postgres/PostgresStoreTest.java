package ai.kind.kmb.broker.store.postgres;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.consumer;
import static ai.kind.kmb.broker.store.StoreFixtures.letter;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.MessageStoreConformanceTest;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.broker.store.RequiresService;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.broker.store.StoreFixtures;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.history.StoredMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance suite on PostgreSQL, each test in a schema of its own, plus what only PostgreSQL does. */
class PostgresStoreTest extends MessageStoreConformanceTest {
    @RegisterExtension
    static final RequiresService POSTGRES = RequiresService.postgres();

    private final String schema = PostgresSchemas.unique();

    @Override
    protected MessageStore newStore() {
        return PostgresStore.open(POSTGRES.jdbcUrl(), PostgresStoreOptions.defaults(schema));
    }

    private PostgresStore postgres() {
        return (PostgresStore) store;
    }

    @AfterEach
    void dropSchema() {
        if (store != null) {
            store.close();
        }
        PostgresSchemas.drop(POSTGRES.jdbcUrl(), schema);
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

        store = newStore();

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

        store = newStore();

        assertThat(store.lastOffset()).isEqualTo(2);
        assertThat(append(message("gone.c"), T0).offset()).isEqualTo(3);
    }

    @Test
    void concurrentAppendsShareCommits() throws Exception {
        Runnable release = postgres().pauseWriter();
        long commitsBefore = postgres().writerStats().commits();
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

        assertThat(postgres().writerStats().commits() - commitsBefore).as("commits for 1000 appends").isEqualTo(1);
        assertThat(store.stats().messages()).isEqualTo(1_000);
    }

    @Test
    void aCallbackThatWaitsForAnotherWriteFailsInsteadOfDeadlocking() {
        Runnable release = postgres().pauseWriter(); // so the callback is attached before the append completes
        CompletableFuture<Boolean> nested = store.append(message("cb.a"), T0)
                .thenApply(stored -> store.deleteConsumer("nobody"));
        release.run();

        assertThat(catchThrowable(nested::join)).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PostgresWriter.COMPLETER_NAME);
        assertThat(store.append(message("cb.b"), T0).thenComposeAsync(stored -> store.saveConsumer(
                consumer("after", List.of()))).join()).isNull();
    }

    @Test
    void anUnreachableServerIsUnavailableNamingTheUrlButNotThePassword() {
        Throwable failure = catchThrowable(() -> PostgresStore.open(
                "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=s3cret",
                PostgresStoreOptions.defaults(schema).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))));

        assertThat(failure).isInstanceOf(KmbException.class).hasMessageContaining("jdbc:postgresql://127.0.0.1:1/test")
                .hasMessageContaining("not reachable").hasMessageNotContaining("s3cret");
        assertThat(((KmbException) failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void refusesASchemaWrittenByANewerLayout() {
        PostgresSchemas.execute(POSTGRES.jdbcUrl(), "UPDATE \"" + schema + "\".store_meta SET value = 99 "
                + "WHERE key = 'schema_version'");

        Throwable failure = catchThrowable(this::newStore);

        assertThat(failure).isInstanceOf(KmbException.class).hasMessageContaining("layout version 99");
    }

    @Test
    void keepsEnvelopesAsJsonThatSqlCanRead() {
        append(StoreFixtures.richMessage(), T0);

        assertThat(PostgresSchemas.queryString(POSTGRES.jdbcUrl(), "SELECT envelope->'payload'->>'text' FROM \""
                + schema + "\".messages")).isEqualTo("héllo ✓");
    }
}
