package ai.kind.kmb.broker.store.sqlite;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.history.HistoryQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topics' own retention on SQLite: a walk of the topic index, in pages, whatever the statistics say. */
class SqliteTopicRetentionTest {
    private static final RetentionPolicy A_MINUTE_FOR_SENSORS = RetentionPolicy.UNLIMITED
            .withTopicMaxAges(Map.of("sensor.reading", Duration.ofMinutes(1)));

    @TempDir
    Path directory;

    @Test
    void walksThePagesOfATopicsOldRowsUpToItsFirstYoungOne() {
        try (SqliteStore store = SqliteStore.open(directory, SqliteStoreOptions.defaults())) {
            List<CompletableFuture<?>> appends = new ArrayList<>();
            for (int i = 0; i < 1_200; i++) {
                appends.add(store.append(message("sensor.reading"), T0.plusMillis(i)));
                appends.add(store.append(message("audit.entry"), T0.plusMillis(i)));
            }
            appends.add(store.append(message("sensor.reading"), T0.plus(Duration.ofHours(1))));
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();

            long removed = store.enforceRetention(A_MINUTE_FOR_SENSORS, T0.plus(Duration.ofHours(1)));

            assertThat(removed).as("three pages of the topic's old rows").isEqualTo(1_200);
            assertThat(store.query(new HistoryQuery(TopicFilter.parse("sensor.reading"), null, null, null, 0, 10)))
                    .singleElement().satisfies(kept -> assertThat(kept.receivedAt())
                            .isEqualTo(T0.plus(Duration.ofHours(1))));
            assertThat(store.stats().messages()).isEqualTo(1_201);
        }
    }

    @Test
    void theWalkAndTheDeleteStayOnTheTopicIndexWithStatisticsThatFavourOthers() throws Exception {
        try (SqliteStore store = SqliteStore.open(directory, SqliteStoreOptions.defaults())) {
            for (int i = 0; i < 200; i++) {
                store.append(message("sensor.reading"), T0.plusMillis(i)).join();
            }
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:"
                + directory.resolve(SqliteStoreOptions.DEFAULT_FILE_NAME));
             Statement statement = connection.createStatement()) {
            // One topic: to the statistics the topic index narrows nothing.
            statement.execute("ANALYZE");

            assertThat(plan(statement, SqliteRetention.TOPIC_HEAD_PAGE))
                    .isEqualTo("SEARCH messages USING INDEX messages_topic (topic=? AND rowid>?)");
            assertThat(plan(statement, "DELETE FROM " + SqliteRetention.BY_TOPIC + " WHERE "
                    + SqliteRetention.TOPIC_HEAD))
                    .isEqualTo("SEARCH messages USING INDEX messages_topic (topic=? AND rowid<?)");
        }
    }

    private static String plan(Statement statement, String sql) throws Exception {
        try (ResultSet row = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            row.next();
            return row.getString("detail");
        }
    }
}
