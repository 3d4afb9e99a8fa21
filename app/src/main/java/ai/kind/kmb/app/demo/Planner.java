package ai.kind.kmb.app.demo;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The planner agent runs one intent at a time, end to end on one trace: intent.create, a command
 * to the workers and a query to memory (answered on {@code _inbox.planner}), then intent.complete
 * once the command is DONE (or ERROR). The trace timeline shows this as one waterfall.
 */
final class Planner {
    static final String AGENT = "planner";
    static final String INBOX = "_inbox.planner";
    private static final List<String> GOALS = List.of("summarise the incident report", "draft the release notes",
            "triage new support tickets", "plan the database migration", "review the pull request");
    private static final List<String> COMMANDS = List.of("kmb.agent.command.research", "kmb.agent.command.write",
            "kmb.agent.command.review");

    /** Intents waiting for their command's final reply, by correlation id. */
    private final Map<String, Intent> open = new ConcurrentHashMap<>();
    private final DemoBus bus;
    private final RandomGenerator random;

    private record Intent(String id, Trace trace, String goal) {
    }

    Planner(DemoBus bus, RandomGenerator random) {
        this.bus = bus;
        this.random = random;
    }

    Subscription start() {
        return bus.bus().subscribe(SubscribeOptions.ephemeral(INBOX), this::onReply);
    }

    void nextIntent() {
        String intentId = "intent-" + UUID.randomUUID().toString().substring(0, 8);
        String goal = GOALS.get(random.nextInt(GOALS.size()));
        Trace root = Trace.start(random);
        bus.publish(AGENT, "kmb.agent.intent.create", MessageType.EVENT, DemoBus.payload().put("intent_id", intentId)
                .put("agent", "planner").put("goal", goal).put("priority", random.nextInt(3) + 1), root.metadata());

        Trace command = root.child(random);
        String correlation = UUID.randomUUID().toString();
        open.put(correlation, new Intent(intentId, command, goal));
        ObjectNode args = DemoBus.payload().put("intent_id", intentId).put("goal", goal);
        args.putArray("sources").add("wiki").add("tickets");
        bus.publish(AGENT, COMMANDS.get(random.nextInt(COMMANDS.size())), MessageType.COMMAND, args,
                command.metadata().withCorrelation(correlation, INBOX));

        Trace query = root.child(random);
        bus.publish(AGENT, "kmb.agent.query.memory", MessageType.QUERY, DemoBus.payload().put("intent_id", intentId)
                .put("key", random.nextBoolean() ? "project:kmb" : "customer:" + (1000 + random.nextInt(9000))),
                query.metadata().withCorrelation(UUID.randomUUID().toString(), INBOX));
    }

    private void onReply(Delivery delivery) {
        String status = delivery.message().metadata().status();
        String correlation = delivery.message().metadata().correlationId();
        if (!"DONE".equals(status) && !"ERROR".equals(status)) {
            return;
        }
        Intent intent = correlation == null ? null : open.remove(correlation);
        if (intent == null) {
            return;
        }
        Trace complete = Trace.of(delivery.message().metadata()).child(random);
        bus.publish(AGENT, "kmb.agent.intent.complete", MessageType.EVENT, DemoBus.payload().put("intent_id", intent.id())
                .put("agent", "planner").put("goal", intent.goal())
                .put("outcome", "DONE".equals(status) ? "succeeded" : "failed"), complete.metadata());
    }
}
