package ai.kind.kmb.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.cluster.SharedBus;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.topics.TopicSnapshot;
import ai.kind.kmb.ui.connect.ConnectionManager;
import ai.kind.kmb.ui.connect.ConnectionProfile;
import ai.kind.kmb.ui.connect.EmbeddedBrokerSettings;
import ai.kind.kmb.ui.feed.Arrival;
import ai.kind.kmb.ui.feed.FeedLimits;
import ai.kind.kmb.ui.feed.LiveFeed;
import ai.kind.kmb.ui.support.UiExecutors;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * KMB Studio's embedded broker on a shared Redis (saved in its settings) joins the bus of a kmbd
 * node on the same Redis: a message published to that node shows in the Studio's live feed and
 * topics, as on its own broker.
 */
class SharedBusStudioTest {
    private static final String REDIS = "redis://127.0.0.1:6379/0";

    @TempDir
    Path data;

    @Test
    void aMessagePublishedOnAKmbdNodeShowsInTheStudiosFeed() throws Exception {
        requireRedis();
        String busName = "kmb_studio_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SharedBus other = SharedBus.redis(REDIS, busName);
        // As the Connect view saves it: the Studio joins the bus at its next start with no flag given.
        EmbeddedBrokerSettings saved = new EmbeddedBrokerSettings(EmbeddedBrokerSettings.Backend.REDIS, REDIS, busName,
                null);
        try (Broker kmbdNode = Broker.start(other.store(), BrokerOptions.defaults(), other.link());
             KmbServer kmbdServer = KmbServer.start(kmbdNode, ServerOptions.loopback(0), "kmbd-test");
             EmbeddedBroker studioBroker = EmbeddedStartup.start(EmbeddedFlags.NONE, saved, data, 0, Optional.empty())
                     .broker();
             UiExecutors executors = UiExecutors.direct();
             KmbClient agent = KmbClient.connect(URI.create(kmbdServer.url()))) {
            LiveFeed feed = new LiveFeed(FeedLimits.defaults(), Clock.systemUTC());
            ConnectionManager manager = new ConnectionManager(new StudioConnector(studioBroker), feed, executors);
            manager.connect(ConnectionProfile.EMBEDDED_PROFILE).join();

            agent.bus().publish(Envelope.event("fleet.agent.ready", Json.object().put("node", "kmbd")),
                    PublishOptions.DURABLE).join();

            List<Arrival> arrived = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (arrived.isEmpty() && Instant.now().isBefore(deadline)) {
                arrived.addAll(feed.drain(10).arrivals());
                Thread.sleep(20);
            }
            assertThat(arrived).extracting(a -> a.envelope().topic()).containsExactly("fleet.agent.ready");
            assertThat(manager.connectionProperty().get().topics()).extracting(TopicSnapshot::topic)
                    .contains("fleet.agent.ready");
            manager.close();
        } finally {
            deleteBus(busName);
        }
    }

    @Test
    void aSharedBackendWithoutItsServerIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new KmbStudio()).setErr(new PrintWriter(err))
                .execute("--backend", "postgres", "--data", data.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("backend postgres needs --postgres-url");
    }

    /** Skips without the shared Redis, or fails under KMB_REQUIRE_SERVICES=1, as the broker's tests do. */
    private static void requireRedis() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1_000);
        } catch (IOException e) {
            String message = "Redis is not reachable on 127.0.0.1:6379 (" + e.getMessage() + ")";
            if ("1".equals(System.getenv("KMB_REQUIRE_SERVICES"))) {
                throw new IllegalStateException(message + "; KMB_REQUIRE_SERVICES=1 makes this a failure");
            }
            Assumptions.abort(message + "; skipping (set KMB_REQUIRE_SERVICES=1 to fail instead)");
        }
    }

    private static void deleteBus(String busName) {
        RedisClient client = RedisClient.create(REDIS);
        try (var connection = client.connect()) {
            connection.sync().eval("for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end",
                    ScriptOutputType.STATUS, new String[0], "{" + busName + "}:*");
        } finally {
            client.shutdown();
        }
    }
}
