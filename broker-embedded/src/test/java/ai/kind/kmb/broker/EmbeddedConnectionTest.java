package ai.kind.kmb.broker;

import static ai.kind.kmb.broker.Messages.event;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedConnectionTest {
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final EmbeddedConnection connection = new EmbeddedConnection(broker, "embedded broker");

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void showsTopicsAndHistoryOfWhatWasPublished() {
        connection.publish(event("agent.health.heartbeat", 1), PublishOptions.DURABLE).join();
        connection.publish(event("agent.health.heartbeat", 2), PublishOptions.DURABLE).join();

        assertThat(connection.topics()).singleElement().satisfies(topic -> {
            assertThat(topic.topic()).isEqualTo("agent.health.heartbeat");
            assertThat(topic.count()).isEqualTo(2);
        });
        assertThat(connection.query(HistoryQuery.all(10))).hasSize(2);
        assertThat(connection.lastOffset()).isEqualTo(2);
    }

    @Test
    void closingTheConnectionEndsItsSubscriptionsButNotTheBroker() {
        Deliveries deliveries = new Deliveries();
        connection.subscribe(SubscribeOptions.ephemeral("#"), deliveries);

        connection.close();
        broker.publish(event("t", 1)).join();

        assertThat(deliveries.quietFor(Duration.ofMillis(100))).isEmpty();
        assertThat(connection.status().state()).isEqualTo(ConnectionStatus.State.CONNECTED);
        broker.close();
        assertThat(connection.status().state()).isEqualTo(ConnectionStatus.State.DISCONNECTED);
    }
}
