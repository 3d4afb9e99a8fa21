package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.dlq.DeathRecord;
import ai.kind.kmb.history.StoredMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Row mapping. Times are {@code timestamptz}, which keeps microseconds: values are truncated to
 * the microsecond here, before the driver sees them, and query bounds are rounded up to the next
 * whole microsecond, so they compare exactly as the in-memory store compares nanoseconds.
 */
final class PostgresCodec {
    static final String MESSAGE_COLUMNS = "\"offset\", received_at, envelope::text AS envelope";
    static final String DEAD_LETTER_COLUMNS = "id, reason, original_topic, subscriber, delivery_count, first_death, "
            + "last_death, deaths, last_error, envelope::text AS envelope";
    static final String CONSUMER_COLUMNS = "name, topic_filter, group_name, ack_floor, cursor_offset";
    static final String PENDING_COLUMNS = "\"offset\", message_id, deliveries, first_delivered, last_error";

    private PostgresCodec() {
    }

    static Instant micros(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    /** The smallest whole microsecond at or after {@code time}. */
    static Instant ceilMicros(Instant time) {
        Instant down = time.truncatedTo(ChronoUnit.MICROS);
        return down.equals(time) ? down : down.plus(1, ChronoUnit.MICROS);
    }

    static void setInstant(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    static StoredMessage message(ResultSet row) throws SQLException {
        return new StoredMessage(row.getLong("offset"), instant(row, "received_at"),
                EnvelopeCodec.fromJson(row.getString("envelope")));
    }

    static DeadLetter deadLetter(ResultSet row) throws SQLException {
        DeathRecord death = new DeathRecord(DeathReason.fromWireName(row.getString("reason")),
                row.getString("original_topic"), row.getString("subscriber"), row.getInt("delivery_count"),
                instant(row, "first_death"), instant(row, "last_death"), row.getInt("deaths"), row.getString("last_error"));
        return new DeadLetter(row.getString("id"), EnvelopeCodec.fromJson(row.getString("envelope")), death);
    }

    static ConsumerState consumer(ResultSet row, List<PendingDelivery> pending) throws SQLException {
        return new ConsumerState(row.getString("name"), row.getString("topic_filter"), row.getString("group_name"),
                row.getLong("ack_floor"), row.getLong("cursor_offset"), pending);
    }

    static PendingDelivery pending(ResultSet row) throws SQLException {
        return new PendingDelivery(row.getLong("offset"), row.getString("message_id"), row.getInt("deliveries"),
                instant(row, "first_delivered"), row.getString("last_error"));
    }
}
