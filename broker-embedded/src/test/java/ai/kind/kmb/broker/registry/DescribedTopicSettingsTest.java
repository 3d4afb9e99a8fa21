package ai.kind.kmb.broker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.limits.RateLimitStats;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A descriptor's durability and rate limit apply to publishes (sample-topics: error durable, heartbeat 50/s, burst 100). */
class DescribedTopicSettingsTest {
    private final Broker broker = brokerDurableByDefault(false);

    private static Broker brokerDurableByDefault(boolean durable) {
        Broker broker = new Broker(new InMemoryStore(), BrokerOptions.defaults().withDurableByDefault(durable),
                Clock.systemUTC());
        broker.useRegistry(TopicRegistry.load(SampleTopicsCopy.DIRECTORY, UnknownTopics.ALLOW));
        return broker;
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private static Envelope error() {
        return Envelope.event("kmb.agent.error", Json.object().put("agent", "planner").put("code", "TIMEOUT")
                .put("message", "the model did not answer"));
    }

    private static Envelope heartbeat() {
        ObjectNode beat = Json.object().put("agent", "planner").put("status", "ok").put("uptime_s", 30);
        return Envelope.event("agent.health.heartbeat", beat);
    }

    @Test
    void aTopicDescribedDurableIsStoredWhenThePublisherDoesNotSay() {
        PublishAck ack = broker.publish(error(), PublishOptions.DEFAULT).join();

        assertThat(ack.offset()).isNotEqualTo(PublishAck.NOT_STORED);
        assertThat(broker.publish(error(), PublishOptions.EPHEMERAL).join().offset())
                .as("the publisher's own choice wins").isEqualTo(PublishAck.NOT_STORED);
    }

    @Test
    void aTopicDescribedEphemeralIsNotStoredOnABrokerDurableByDefault() {
        try (Broker durableBroker = brokerDurableByDefault(true)) {
            assertThat(durableBroker.publish(heartbeat(), PublishOptions.DEFAULT).join().offset())
                    .isEqualTo(PublishAck.NOT_STORED);
            assertThat(durableBroker.publish(Envelope.event("undescribed.topic", Json.object()), PublishOptions.DEFAULT)
                    .join().offset()).as("an undescribed topic keeps the broker's default")
                    .isNotEqualTo(PublishAck.NOT_STORED);
        }
    }

    @Test
    void aDescribedRateLimitRefusesPastItsBurstAndShowsInTheLimits() {
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            try {
                broker.publish(heartbeat(), PublishOptions.DEFAULT).join();
            } catch (CompletionException e) {
                assertThat(((KmbException) e.getCause()).code()).isEqualTo(ErrorCode.RATE_LIMITED);
                refused++;
            }
        }

        RateLimitStats limit = broker.rateLimits().stats().stream()
                .filter(stats -> stats.filter().equals("agent.health.heartbeat")).findFirst().orElseThrow();
        assertThat(refused).as("a burst of 100 and 50/s cannot pass 300 at once").isPositive();
        assertThat(limit.rejected()).isEqualTo(refused);
        assertThat(limit.allowed()).isEqualTo(300 - refused);
        assertThat(limit.rate()).isEqualTo(50.0);
        assertThat(limit.burst()).isEqualTo(100);
        assertThat(broker.publish(error(), PublishOptions.DEFAULT).join()).as("other topics are not limited").isNotNull();
    }
}
