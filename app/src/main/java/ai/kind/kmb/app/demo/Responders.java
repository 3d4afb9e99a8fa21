package ai.kind.kmb.app.demo;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The agents that answer: a worker pool that takes commands (answers ACK at once, then DONE or,
 * now and then, ERROR plus an error event) and a memory agent that answers queries with
 * {@code data} or {@code not_found}. Replies go to the asker's {@code reply_to} with its
 * {@code correlation_id}, continuing its trace.
 */
final class Responders {
    static final String COMMANDS = "kmb.agent.command.#";
    static final String QUERIES = "kmb.agent.query.#";
    private static final String MEMORY = "memory";

    private final DemoBus bus;
    private final ScheduledExecutorService timer;
    private final RandomGenerator random;

    Responders(DemoBus bus, ScheduledExecutorService timer, RandomGenerator random) {
        this.bus = bus;
        this.timer = timer;
        this.random = random;
    }

    List<Subscription> start() {
        return List.of(
                bus.bus().subscribe(SubscribeOptions.ephemeral(COMMANDS).withGroup("workers"), this::onCommand),
                bus.bus().subscribe(SubscribeOptions.ephemeral(QUERIES).withGroup("memory"), this::onQuery));
    }

    private void onCommand(Delivery delivery) {
        Envelope command = delivery.message();
        String worker = "worker-" + (1 + random.nextInt(3));
        Trace hop = Trace.of(command.metadata()).child(random);
        reply(worker, command, hop, "ACK", DemoBus.payload().put("worker", worker).put("queue_depth", random.nextInt(4)));
        long workMillis = 300 + random.nextInt(900);
        timer.schedule(() -> {
            Trace done = hop.child(random);
            if (random.nextInt(10) == 0) {
                reply(worker, command, done, "ERROR", DemoBus.payload().put("worker", worker)
                        .put("error", "upstream timed out after " + workMillis + " ms"));
                bus.publish(worker, "kmb.agent.error", MessageType.EVENT, DemoBus.payload()
                        .put("agent", worker).put("code", "UPSTREAM_TIMEOUT").put("retryable", true)
                        .put("message", "fetching sources for " + command.topic() + " timed out"), done.metadata());
            } else {
                reply(worker, command, done, "DONE", DemoBus.payload().put("worker", worker).put("duration_ms", workMillis)
                        .put("result", "3 sources summarised").put("tokens", 900 + random.nextInt(2400)));
            }
        }, workMillis, TimeUnit.MILLISECONDS);
    }

    private void onQuery(Delivery delivery) {
        Envelope query = delivery.message();
        Trace hop = Trace.of(query.metadata()).child(random);
        String key = query.payload().path("key").asText("unknown");
        if (random.nextInt(4) == 0) {
            reply(MEMORY, query, hop, "not_found", DemoBus.payload().put("key", key));
        } else {
            var payload = DemoBus.payload().put("key", key).put("hits", 1 + random.nextInt(5));
            payload.putArray("snippets").add("Agents coordinate over topics, not direct calls.")
                    .add("Commands are acknowledged before they are done.");
            reply(MEMORY, query, hop, "data", payload);
        }
    }

    private void reply(String agent, Envelope request, Trace hop, String status,
                       com.fasterxml.jackson.databind.node.ObjectNode payload) {
        String replyTo = request.metadata().replyTo();
        if (replyTo == null) {
            return;
        }
        bus.publish(agent, replyTo, MessageType.REPLY, payload, hop.metadata()
                .withCorrelation(request.metadata().correlationId(), null).withStatus(status));
    }
}
