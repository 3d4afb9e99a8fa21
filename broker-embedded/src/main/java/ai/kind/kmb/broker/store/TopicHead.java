package ai.kind.kmb.broker.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How the SQL stores find what a topic's own retention deletes: the topic's rows in offset order,
 * through the {@code (topic, offset)} index both have, from its oldest up to its first row received
 * at or after the cutoff. That reads what goes and one page more, however long the topic's retained
 * window or the log. {@code topic = ? AND received_at < ?} would read the topic's whole retained
 * window on that index, or need a {@code (topic, received_at)} index that every append pays for
 * (measured: a fifth of the SQLite and PostgreSQL stores' append throughput). The price: a row
 * received before a row stored ahead of it (a clock stepped back, nodes' clocks apart) goes once
 * that row's time is up too.
 */
public final class TopicHead {
    private static final int PAGE = 500;

    private TopicHead() {
    }

    /**
     * The highest offset of the topic's leading run of rows received before the cutoff, 0 when its
     * oldest row is young. {@code page} selects {@code offset, received_at >= <cutoff>} with the
     * cutoff already bound as parameter 1, then takes the topic (2), an offset to read after (3) and
     * a row limit (4), in offset order.
     */
    public static long lastOffsetBefore(PreparedStatement page, String topic) throws SQLException {
        long through = 0;
        while (true) {
            page.setString(2, topic);
            page.setLong(3, through);
            page.setInt(4, PAGE);
            int rows = 0;
            try (ResultSet row = page.executeQuery()) {
                while (row.next()) {
                    if (row.getBoolean(2)) {
                        return through;
                    }
                    through = row.getLong(1);
                    rows++;
                }
            }
            if (rows < PAGE) {
                return through;
            }
        }
    }
}
