package ai.kind.kmb.broker.store.sqlite;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.store.RetentionPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What topics' own retention needs of the file: an index that reads only a topic's rows that go,
 * in new files and in files written before it existed.
 */
class SqliteTopicRetentionTest {
    private static final RetentionPolicy A_MINUTE_FOR_SENSORS = RetentionPolicy.UNLIMITED
            .withTopicMaxAges(Map.of("sensor.reading", Duration.ofMinutes(1)));

    @TempDir
    Path directory;

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(SqliteStoreOptions.DEFAULT_FILE_NAME));
    }

    private static String text(Statement statement, String sql) throws Exception {
        try (ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(row.getMetaData().getColumnCount()) : null;
        }
    }

    @Test
    void aTopicsOldRowsAreFoundThroughTheTopicAndTimeIndex() throws Exception {
        SqliteStore.open(directory, SqliteStoreOptions.defaults()).close();

        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(text(statement, "EXPLAIN QUERY PLAN DELETE FROM messages WHERE topic = 'sensor.reading' "
                    + "AND received_at < 1000"))
                    .isEqualTo("SEARCH messages USING INDEX messages_topic_received_at (topic=? AND received_at<?)");
        }
    }

    @Test
    void aFileOfVersionOneGetsTheIndexAndKeepsItsMessages() throws Exception {
        try (SqliteStore store = SqliteStore.open(directory, SqliteStoreOptions.defaults())) {
            store.append(message("sensor.reading"), T0).join();
            store.append(message("audit.entry"), T0).join();
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX messages_topic_received_at");
            statement.execute("PRAGMA user_version = 1");
        }

        try (SqliteStore store = SqliteStore.open(directory, SqliteStoreOptions.defaults())) {
            assertThat(store.enforceRetention(A_MINUTE_FOR_SENSORS, T0.plusSeconds(3600))).isEqualTo(1);
            assertThat(store.readAfter(0, 10)).singleElement()
                    .satisfies(kept -> assertThat(kept.envelope().topic()).isEqualTo("audit.entry"));
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(text(statement, "PRAGMA user_version")).isEqualTo(String.valueOf(SqliteSchema.VERSION));
            assertThat(text(statement, "SELECT name FROM sqlite_master WHERE name = 'messages_topic_received_at'"))
                    .isNotNull();
        }
    }
}
