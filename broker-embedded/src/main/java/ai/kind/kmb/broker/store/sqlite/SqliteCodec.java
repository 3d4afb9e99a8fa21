package ai.kind.kmb.broker.store.sqlite;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.broker.store.DeadLetter;
import ai.kind.kmb.broker.store.DeathReason;
import ai.kind.kmb.broker.store.DeathRecord;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.broker.store.StoredMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * Row mapping. Times are INTEGER microseconds since the epoch (UTC): exact, sortable, indexable and
 * as fine as PostgreSQL keeps them. Envelopes are stored as the JSON text EnvelopeCodec writes, so
 * the sqlite3 shell and its JSON functions can read a store.
 */
final class SqliteCodec {
    static final String MESSAGE_COLUMNS = "offset, received_at, envelope";
    static final String DEAD_LETTER_COLUMNS = "id, reason, original_topic, subscriber, delivery_count, first_death, "
            + "last_death, deaths, last_error, envelope";
    static final String CONSUMER_COLUMNS = "name, topic_filter, group_name, ack_floor, cursor_offset";
    static final String PENDING_COLUMNS = "offset, message_id, deliveries, first_delivered, last_error";

    private SqliteCodec() {
    }

    static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    /**
     * The smallest whole microsecond at or after {@code time}. Stored times are whole microseconds,
     * so {@code stored >= time} holds exactly when {@code stored >= ceilMicros(time)}, and the same
     * for {@code <}: query bounds finer than a microsecond still compare as the in-memory store does.
     */
    static long ceilMicros(Instant time) {
        return micros(time) + (time.getNano() % 1_000 == 0 ? 0 : 1);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    static StoredMessage message(ResultSet row) throws SQLException {
        return new StoredMessage(row.getLong("offset"), instant(row.getLong("received_at")),
                EnvelopeCodec.fromJson(row.getBytes("envelope")));
    }

    static DeadLetter deadLetter(ResultSet row) throws SQLException {
        DeathRecord death = new DeathRecord(DeathReason.fromWireName(row.getString("reason")),
                row.getString("original_topic"), row.getString("subscriber"), row.getInt("delivery_count"),
                optionalInstant(row, "first_death"), optionalInstant(row, "last_death"), row.getInt("deaths"),
                row.getString("last_error"));
        return new DeadLetter(row.getString("id"), EnvelopeCodec.fromJson(row.getBytes("envelope")), death);
    }

    static ConsumerState consumer(ResultSet row, List<PendingDelivery> pending) throws SQLException {
        return new ConsumerState(row.getString("name"), row.getString("topic_filter"), row.getString("group_name"),
                row.getLong("ack_floor"), row.getLong("cursor_offset"), pending);
    }

    static PendingDelivery pending(ResultSet row) throws SQLException {
        return new PendingDelivery(row.getLong("offset"), row.getString("message_id"), row.getInt("deliveries"),
                optionalInstant(row, "first_delivered"), row.getString("last_error"));
    }

    static byte[] json(Envelope envelope) {
        return EnvelopeCodec.toJsonBytes(envelope);
    }

    static void setInstant(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, micros(time));
        }
    }

    private static Instant optionalInstant(ResultSet row, String column) throws SQLException {
        long micros = row.getLong(column);
        return row.wasNull() ? null : instant(micros);
    }
}
