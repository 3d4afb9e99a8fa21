package ai.kind.kmb.broker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.remote.RestClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars in a directory, loaded, installed in a broker behind a server, and used through the SDK. */
class PluginsTest {
    @TempDir
    Path dir;

    private Path pluginsDir() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.build(dir, "stamp.jar", PluginJars.stampingAndThrowing(), List.of("plugins.test.Stamp"));
        Files.move(dir.resolve("stamp.jar"), plugins.resolve("stamp.jar"));
        return plugins;
    }

    @Test
    void aBadJarIsReportedByFileNameAndTheOthersLoad() throws Exception {
        Path plugins = pluginsDir();
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3, 4});
        PluginJars.build(dir, "ghost.jar", Map.of(), List.of("plugins.ghost.Missing"));
        Files.move(dir.resolve("ghost.jar"), plugins.resolve("ghost.jar"));
        PluginJars.build(dir, "empty.jar", Map.of(), List.of());
        Files.move(dir.resolve("empty.jar"), plugins.resolve("empty.jar"));

        try (Plugins loaded = Plugins.load(plugins)) {
            assertThat(loaded.interceptors()).extracting(Interceptor::name).containsExactly("stamp");
            assertThat(loaded.problems()).extracting(Object::toString).satisfiesExactly(
                    broken -> assertThat(broken).startsWith("broken.jar: not a readable jar"),
                    empty -> assertThat(empty).startsWith("empty.jar: names no " + Interceptor.class.getName()),
                    ghost -> assertThat(ghost).startsWith("ghost.jar: cannot load its interceptor")
                            .contains("plugins.ghost.Missing"));
        }
    }

    @Test
    void aDirectoryThatIsNotThereIsRefused() {
        assertThatThrownBy(() -> Plugins.load(dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void aThrowingPluginDeadLettersTheMessageAndTheSdkSeesWhy() throws Exception {
        try (Served served = new Served(pluginsDir())) {
            KmbClient client = served.client;
            RestClient rest = served.rest;

            assertThatThrownBy(() -> client.publish(Envelope.event("boom.now", Json.object().put("n", 1)),
                    PublishOptions.DURABLE).join())
                    .cause().isInstanceOf(KmbException.class)
                    .hasMessageContaining("plugin exploded on boom.now").hasMessageContaining("kept as dead letter");

            assertThat(rest.deadLetters(new DeadLetterQuery(DeathReason.HANDLER_ERROR, null, 10), 0).letters()).singleElement().satisfies(letter -> {
                assertThat(letter.death().originalTopic()).isEqualTo("boom.now");
                assertThat(letter.death().subscriber()).isEqualTo(Broker.PUBLISH_PATH);
                assertThat(letter.death().lastError()).contains("stamp (after_validation)");
                assertThat(letter.message().metadata().headers()).containsEntry("stamped", "yes");
            });
        }
    }

    @Test
    void aPluginChangesWhatSubscribersGetAndItsFailingDeliveryHookDeadLettersDurableDeliveries() throws Exception {
        try (Served served = new Served(pluginsDir())) {
            KmbClient client = served.client;
            RestClient rest = served.rest;
            BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
            client.subscribe(SubscribeOptions.durable("audit", "#"), received::add);

            client.publish(Envelope.event("fragile.one", Json.object()), PublishOptions.DURABLE).join();
            client.publish(Envelope.event("fine.one", Json.object()), PublishOptions.DURABLE).join();

            Delivery fine = received.poll(10, TimeUnit.SECONDS);
            assertThat(fine).isNotNull();
            assertThat(fine.message().topic()).isEqualTo("fine.one");
            assertThat(fine.message().metadata().headers()).containsEntry("stamped", "yes");
            List<DeadLetter> letters = awaitLetters(rest);
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.death().reason()).isEqualTo(DeathReason.HANDLER_ERROR);
                assertThat(letter.death().subscriber()).isEqualTo("audit");
                assertThat(letter.death().deliveryCount()).isEqualTo(1);
                assertThat(letter.death().lastError()).contains("delivery interceptor 'stamp' failed");
            });
            assertThat(received).isEmpty();
        }
    }

    /** A broker with the plugins installed behind a server, and the SDK's two clients on it. */
    private static final class Served implements AutoCloseable {
        final Plugins plugins;
        final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
        final KmbServer server = KmbServer.start(broker, ServerOptions.loopback(0), "plugins-test");
        final KmbClient client = KmbClient.connect(URI.create(server.url()));
        final RestClient rest = RestClient.of(RemoteBusOptions.defaults(URI.create(server.url())));

        Served(Path pluginsDir) {
            this.plugins = Plugins.load(pluginsDir);
            plugins.install(broker.pipeline(), broker.deliveryHooks());
        }

        @Override
        public void close() {
            rest.close();
            client.close();
            server.close();
            broker.close();
            plugins.close();
        }
    }

    private static List<DeadLetter> awaitLetters(RestClient rest) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<DeadLetter> letters = rest.deadLetters(new DeadLetterQuery(DeathReason.HANDLER_ERROR, null, 10), 0).letters();
            if (!letters.isEmpty()) {
                return letters;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no handler_error dead letter arrived");
    }
}
