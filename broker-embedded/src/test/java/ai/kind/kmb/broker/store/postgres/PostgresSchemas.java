package ai.kind.kmb.broker.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Schemas of their own for tests, so that tests never see each other's rows, and their removal. */
public final class PostgresSchemas {
    private PostgresSchemas() {
    }

    public static String unique() {
        return "kmb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static void drop(String jdbcUrl, String schema) {
        execute(jdbcUrl, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }

    /** The first column of the first row. */
    public static String queryString(String jdbcUrl, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             java.sql.ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("could not run: " + sql, e);
        }
    }

    public static void execute(String jdbcUrl, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run: " + sql, e);
        }
    }
}
