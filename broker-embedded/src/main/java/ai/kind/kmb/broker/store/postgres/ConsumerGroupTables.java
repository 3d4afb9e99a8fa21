package ai.kind.kmb.broker.store.postgres;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables through which the nodes of a bus share durable consumers ({@link PostgresConsumerClaims}):
 * one row per durable with the position all nodes claim from, and one row per claimed, unsettled
 * message with the node holding it and when it last renewed the claim. Created if absent, like the
 * outbox, so that a store made by an earlier KMB gains them without a layout version of their own.
 */
final class ConsumerGroupTables {
    static final String GROUPS = "consumer_groups";
    static final String CLAIMS = "consumer_claims";

    private ConsumerGroupTables() {
    }

    static void createIfAbsent(Statement statement, String schema) throws SQLException {
        String s = PostgresSchema.quoted(schema);
        statement.execute("CREATE TABLE IF NOT EXISTS " + s + "." + GROUPS
                + " (name text PRIMARY KEY, cursor_offset bigint NOT NULL)");
        statement.execute("""
                CREATE TABLE IF NOT EXISTS %s.%s (
                    consumer   text NOT NULL,
                    "offset"   bigint NOT NULL,
                    node       text NOT NULL,
                    claimed_at timestamptz NOT NULL,  -- the server's clock, so nodes' clocks never matter
                    claims     integer NOT NULL,      -- how many times a node claimed it, this claim included
                    PRIMARY KEY (consumer, "offset")
                )""".formatted(s, CLAIMS));
        statement.execute("CREATE INDEX IF NOT EXISTS consumer_claims_lease ON " + s + "." + CLAIMS
                + " (consumer, claimed_at)");
    }
}
