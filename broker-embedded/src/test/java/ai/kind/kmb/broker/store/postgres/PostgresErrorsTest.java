package ai.kind.kmb.broker.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresErrorsTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    /** A connection that answers only {@code isClosed}. */
    private static Connection connection(boolean closed) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("isClosed")) {
                        return closed;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aFailureWithoutSqlStateOnAConnectionTheDriverClosedIsLostAndUnavailable() {
        RuntimeException odd = new IllegalStateException("unexpected end of stream");

        boolean lost = PostgresErrors.isLost(odd, connection(true));
        KmbException failure = PostgresErrors.failure(URL, "write", odd, lost);

        assertThat(lost).isTrue();
        assertThat(failure.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(failure.getMessage()).contains(URL, "could not write", "the connection to PostgreSQL broke",
                "unexpected end of stream");
    }

    @Test
    void theSameFailureOnAConnectionStillOpenIsABugAndInternal() {
        RuntimeException odd = new IllegalStateException("unexpected end of stream");

        boolean lost = PostgresErrors.isLost(odd, connection(false));

        assertThat(lost).isFalse();
        assertThat(PostgresErrors.failure(URL, "write", odd, lost).code()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void anImmediateShutdownIsLostWhateverTheConnectionSays() {
        SQLException shutdown = new SQLException("terminating connection due to immediate shutdown command", "57P01");

        assertThat(PostgresErrors.isLost(shutdown, connection(false))).isTrue();
        assertThat(PostgresErrors.failure(URL, "write", shutdown).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aConnectionThatCannotSayWhetherItIsClosedCountsAsLost() {
        Connection broken = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    throw new SQLException("gone", "08003");
                });

        assertThat(PostgresErrors.isLost(new IllegalStateException("odd"), broken)).isTrue();
    }
}
