package ai.kind.kmb.app.demo;

import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * A transaction in the two-phase style the envelope's {@code transactional} type is for: begin,
 * a prepare vote from each participant, then commit, or rollback when a participant votes no.
 * Every step carries the transaction id and phase as headers, on one trace.
 */
final class Transactions {
    private static final String TOPIC = "kmb.tx.payment";

    private final DemoBus bus;
    private final RandomGenerator random;

    Transactions(DemoBus bus, RandomGenerator random) {
        this.bus = bus;
        this.random = random;
    }

    void run() {
        String tx = "tx-" + UUID.randomUUID().toString().substring(0, 8);
        int amount = 5 + random.nextInt(495);
        Trace trace = Trace.start(random);
        step(TOPIC + ".begin", tx, "begin", trace, "billing", "pending",
                DemoBus.payload().put("amount", amount).put("currency", "EUR").put("order", "order-" + random.nextInt(99_999)));
        boolean ledgerVotes = true;
        boolean inventoryVotes = random.nextInt(5) != 0;
        step(TOPIC + ".prepare", tx, "prepare", trace.child(random), "ledger", ledgerVotes ? "vote_commit" : "vote_abort",
                DemoBus.payload().put("participant", "ledger").put("vote", ledgerVotes ? "commit" : "abort"));
        step(TOPIC + ".prepare", tx, "prepare", trace.child(random), "inventory",
                inventoryVotes ? "vote_commit" : "vote_abort", DemoBus.payload().put("participant", "inventory")
                        .put("vote", inventoryVotes ? "commit" : "abort")
                        .put("reason", inventoryVotes ? null : "item out of stock"));
        if (ledgerVotes && inventoryVotes) {
            step(TOPIC + ".commit", tx, "commit", trace.child(random), "billing", "committed",
                    DemoBus.payload().put("amount", amount));
        } else {
            step(TOPIC + ".rollback", tx, "rollback", trace.child(random), "billing", "rolled_back",
                    DemoBus.payload().put("amount", amount).put("reason", "inventory voted abort"));
        }
    }

    private void step(String topic, String tx, String phase, Trace trace, String agent, String status,
                      com.fasterxml.jackson.databind.node.ObjectNode payload) {
        payload.put("tx_id", tx).put("agent", agent);
        Metadata metadata = trace.metadata().withStatus(status).withHeaders(Map.of("tx_id", tx, "phase", phase));
        bus.publish(agent, topic, MessageType.TRANSACTIONAL, payload, metadata.withCorrelation(tx, null));
    }
}
