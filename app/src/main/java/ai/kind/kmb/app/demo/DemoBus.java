package ai.kind.kmb.app.demo;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.Sender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo agents' way onto the bus: every message goes out under the name of the agent that sends
 * it (the {@link Sender#HEADER} header, which the trace timeline draws lanes by), durably unless
 * asked otherwise (so history, traces and replay have the traffic), and a refused publish never
 * stops an agent; it is logged and counted instead.
 */
final class DemoBus {
    private static final Logger LOG = LoggerFactory.getLogger(DemoBus.class);

    private final Bus bus;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    DemoBus(Bus bus) {
        this.bus = bus;
    }

    Bus bus() {
        return bus;
    }

    void publish(String agent, String topic, MessageType type, ObjectNode payload, Metadata metadata) {
        publish(agent, topic, type, payload, metadata, PublishOptions.DURABLE);
    }

    void publish(String agent, String topic, MessageType type, ObjectNode payload, Metadata metadata,
                 PublishOptions options) {
        bus.publish(Envelope.of(topic, type, payload, Sender.named(metadata, agent)), options).whenComplete((ack, error) -> {
            if (error == null) {
                published.incrementAndGet();
            } else {
                refused.incrementAndGet();
                LOG.debug("demo publish to {} refused: {}", topic, error.getMessage());
            }
        });
    }

    static ObjectNode payload() {
        return Json.object();
    }

    long published() {
        return published.get();
    }

    long refused() {
        return refused.get();
    }
}
