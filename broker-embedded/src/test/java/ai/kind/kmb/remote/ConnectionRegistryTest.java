package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.EmbeddedConnection;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.registry.SampleTopicsCopy;
import ai.kind.kmb.broker.registry.TopicRegistry;
import ai.kind.kmb.broker.registry.UnknownTopics;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.registry.CompatibilityMode;
import ai.kind.kmb.registry.CompatibilityVerdict;
import ai.kind.kmb.registry.RateLimit;
import ai.kind.kmb.registry.SchemaFormat;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.registry.ValidationVerdict;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SDK's registry the same through the broker in process and through a server far away. */
class ConnectionRegistryTest {
    @TempDir
    Path dir;
    private Broker broker;
    private KmbServer server;
    private BusConnection connection;

    private BusConnection open(String kind) {
        broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
        broker.useRegistry(TopicRegistry.load(SampleTopicsCopy.into(dir), UnknownTopics.ALLOW));
        server = KmbServer.start(broker, ServerOptions.loopback(0), "kmbd-test");
        Function<String, BusConnection> opener = name -> name.equals("embedded")
                ? new EmbeddedConnection(broker, "embedded broker")
                : RemoteConnection.open(RemoteBusOptions.defaults(URI.create(server.url())));
        connection = opener.apply(kind);
        return connection;
    }

    @AfterEach
    void stop() {
        connection.close();
        server.close();
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "remote"})
    void listsAndShowsDescriptorsWithEverythingTheyCarry(String kind) {
        BusConnection bus = open(kind);

        assertThat(bus.registry().topics()).hasSizeGreaterThanOrEqualTo(11);
        assertThat(bus.registry().problems()).isEmpty();
        TopicDescriptor heartbeat = bus.registry().topic("agent.health.heartbeat");
        assertThat(heartbeat.versions()).hasSize(2);
        assertThat(heartbeat.rateLimit()).isEqualTo(new RateLimit(50, 100));
        assertThat(heartbeat.compatibility()).isEqualTo(CompatibilityMode.BACKWARD);
        TopicDescriptor vector = bus.registry().topic("vector.upsert");
        assertThat(vector.latest().format()).isEqualTo(SchemaFormat.PROTOBUF);
        assertThat(vector.latest().protobufMessage()).isEqualTo("kmb.samples.VectorUpsert");
        assertThat(vector.latest().schema().get("fields")).isNotEmpty();
        assertThatThrownBy(() -> bus.registry().topic("no.such.topic")).isInstanceOfSatisfying(KmbException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "remote"})
    void validatesAndRegisters(String kind) {
        BusConnection bus = open(kind);
        ObjectNode payload = Json.object().put("agent", "a").put("status", "sideways").put("uptime_s", 3);

        ValidationVerdict verdict = bus.registry().validate("agent.health.heartbeat", null, payload);
        ValidationVerdict undescribed = bus.registry().validate("orders.created", null, payload);
        CompatibilityVerdict registered = bus.registry().register("orders.created",
                Json.object().put("type", "object"), false);

        assertThat(verdict.version()).isEqualTo("v2");
        assertThat(verdict.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("/status"));
        assertThat(undescribed.described()).isFalse();
        assertThat(undescribed.valid()).isTrue();
        assertThat(registered.registered()).isTrue();
        assertThat(bus.registry().topic("orders.created").latest().version()).isEqualTo("v1");
    }
}
