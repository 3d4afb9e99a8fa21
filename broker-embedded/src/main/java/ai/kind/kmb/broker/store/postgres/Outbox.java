package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

/**
 * The outbox table an application writes messages into, in the same transaction as its own data:
 * <pre>{@code
 * INSERT INTO kmb.outbox (topic, payload) VALUES ('orders.created', '{"order": 42}');
 * }</pre>
 * {@code id} defaults to a random UUID and becomes the message id (so a message relayed twice is
 * stored once, by idempotent publish); {@code type} defaults to {@code event}; {@code metadata} is the
 * envelope's metadata object. {@code seq} orders the rows. A row the bus refuses for good is parked
 * ({@code parked_at}, {@code last_error}) rather than retried forever; clear {@code parked_at} to retry it.
 */
final class Outbox {
    static final String COLUMNS = "id, seq, topic, type, payload::text AS payload, metadata::text AS metadata, created_at";

    private Outbox() {
    }

    /**
     * Creates the table, its index and its NOTIFY trigger unless the table exists. Safe to run from
     * every node and relay, inside a transaction holding the schema's advisory lock; an existing
     * table is left alone, so opening never takes a lock an application's inserts would wait on.
     */
    static void createIfAbsent(Statement statement, String schema, String channel) throws SQLException {
        String s = PostgresSchema.quoted(schema);
        try (ResultSet exists = statement.executeQuery("SELECT to_regclass('" + s + ".outbox') IS NOT NULL")) {
            exists.next();
            if (exists.getBoolean(1)) {
                return;
            }
        }
        statement.execute("""
                CREATE TABLE %s.outbox (
                    id         text PRIMARY KEY DEFAULT gen_random_uuid()::text,
                    seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
                    topic      text NOT NULL,
                    type       text NOT NULL DEFAULT 'event',
                    payload    jsonb,
                    metadata   jsonb,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    parked_at  timestamptz,
                    last_error text
                )""".formatted(s));
        statement.execute("CREATE INDEX outbox_ready ON " + s + ".outbox (seq) WHERE parked_at IS NULL");
        // One notification per inserting statement wakes the relays; they then read in batches.
        statement.execute("""
                CREATE OR REPLACE FUNCTION %s.kmb_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('%s', '');
                    RETURN NULL;
                END $$""".formatted(s, channel));
        statement.execute("CREATE TRIGGER outbox_notify AFTER INSERT ON " + s + ".outbox "
                + "FOR EACH STATEMENT EXECUTE FUNCTION " + s + ".kmb_outbox_notify()");
    }

    /** Creates the schema and the outbox if absent, in a transaction of its own, for a relay on an application's database. */
    static void ensure(Connection connection, String schema, String channel) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(hashtextextended('kmb-schema:" + schema + "', 0))");
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + PostgresSchema.quoted(schema));
            createIfAbsent(statement, schema, channel);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * The envelope a row stands for, with the row's id and creation time. Goes through the codec, so
     * a row with a bad topic or type fails here with a message saying which field is wrong.
     */
    static Envelope envelope(ResultSet row) throws SQLException {
        ObjectNode node = Json.object();
        node.put("id", row.getString("id"));
        node.put("timestamp", row.getObject("created_at", OffsetDateTime.class).toInstant().toString());
        node.put("topic", row.getString("topic"));
        node.put("type", row.getString("type"));
        node.set("payload", parse(row.getString("payload")));
        String metadata = row.getString("metadata");
        if (metadata != null) {
            node.set("metadata", parse(metadata));
        }
        return EnvelopeCodec.fromJson(node);
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL returned jsonb that does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
