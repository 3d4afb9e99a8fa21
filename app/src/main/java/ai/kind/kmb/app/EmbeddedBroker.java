package ai.kind.kmb.app;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.EmbeddedConnection;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.pipeline.Plugins;
import ai.kind.kmb.broker.pipeline.PublishStage;
import ai.kind.kmb.broker.registry.RegistrySignaturePolicy;
import ai.kind.kmb.broker.registry.TopicRegistry;
import ai.kind.kmb.broker.registry.UnknownTopics;
import ai.kind.kmb.broker.security.SignaturePolicy;
import ai.kind.kmb.broker.security.SigningSettings;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The broker KMB Studio runs in its own process: a SQLite log in the data directory (or a shared
 * Redis or PostgreSQL, see {@link EmbeddedBackend}), and the
 * network server on 127.0.0.1 so that agents and kmbctl on the same machine can join. When the
 * asked-for port is taken (often by another Studio or a kmbd), it listens on a free port instead
 * and says so in {@link #notice()}, rather than refusing to start. Interceptor plugin jars in the
 * data directory's {@value #PLUGINS} folder are loaded as kmbd loads its plugins directory, so a
 * developer tries a plugin on the Studio's own broker; a jar left out is named in the notice.
 * Signatures are checked as kmbd checks them, with the key registry the settings name (by default
 * the data directory's {@value #SIGNING_KEYS}, when present), and required where the topic
 * registry says so.
 */
public final class EmbeddedBroker implements AutoCloseable {
    public static final String PLUGINS = "plugins";
    /** The key registry of the data directory, if there is one: signatures are then verified. */
    public static final String SIGNING_KEYS = "keys.yaml";

    private final Broker broker;
    private final KmbServer server;
    private final Plugins plugins;
    private final String notice;

    private EmbeddedBroker(Broker broker, KmbServer server, Plugins plugins, String notice) {
        this.broker = broker;
        this.server = server;
        this.plugins = plugins;
        this.notice = notice;
    }

    /** With the topic registry {@link StudioRegistry} finds, if any. */
    public static EmbeddedBroker start(Path dataDirectory, int port) {
        return start(EmbeddedBackend.sqlite(), dataDirectory, port);
    }

    /** With {@code registry} enforced on publish and reloaded on change; undescribed topics pass. */
    public static EmbeddedBroker start(Path dataDirectory, int port, Optional<Path> registry) {
        return start(EmbeddedBackend.sqlite(), dataDirectory, port, registry);
    }

    /** On a shared backend the broker is one node of that bus: it hears and reaches the other nodes. */
    public static EmbeddedBroker start(EmbeddedBackend backend, Path dataDirectory, int port) {
        return start(backend, dataDirectory, port, StudioRegistry.locate(System.getenv(), Path.of("").toAbsolutePath()));
    }

    public static EmbeddedBroker start(EmbeddedBackend backend, Path dataDirectory, int port,
                                       Optional<Path> registry) {
        Path keys = dataDirectory.resolve(SIGNING_KEYS);
        return start(backend, dataDirectory, port, registry,
                Files.isRegularFile(keys) ? Optional.of(keys) : Optional.empty());
    }

    /** With {@code keyRegistry} checking signatures; without one, none can be valid. */
    public static EmbeddedBroker start(EmbeddedBackend backend, Path dataDirectory, int port,
                                       Optional<Path> registry, Optional<Path> keyRegistry) {
        Broker broker = backend.start(dataDirectory);
        Plugins plugins = null;
        try {
            registry.ifPresent(directory -> broker.useRegistry(TopicRegistry.watch(directory, UnknownTopics.ALLOW)));
            SigningSettings signing = new SigningSettings(keyRegistry.orElse(null), List.of(),
                    SignaturePolicy.OnFailure.REFUSE);
            broker.pipeline().add(PublishStage.VALIDATION,
                    signing.step(RegistrySignaturePolicy.of(broker.registry())));
            KmbServer server;
            List<String> notices = new ArrayList<>();
            Path pluginsDir = dataDirectory.resolve(PLUGINS);
            if (Files.isDirectory(pluginsDir)) {
                plugins = Plugins.load(pluginsDir);
                plugins.install(broker.pipeline(), broker.deliveryHooks());
                plugins.problems().forEach(problem -> notices.add("plugin jar left out: " + problem));
            }
            try {
                server = KmbServer.start(broker, ServerOptions.loopback(port), "kmb-studio");
            } catch (Exception e) {
                // Netty's bind rethrows java.net.BindException undeclared, so it is caught as Exception.
                if (!isPortTaken(e)) {
                    throw e;
                }
                server = KmbServer.start(broker, ServerOptions.loopback(0), "kmb-studio");
                notices.addFirst("port " + port + " is in use; the embedded broker listens on " + server.url()
                        + " instead");
            }
            return new EmbeddedBroker(broker, server, plugins, notices.isEmpty() ? null : String.join("; ", notices));
        } catch (RuntimeException e) {
            closeAll(broker, plugins);
            throw e;
        } catch (Exception e) {
            closeAll(broker, plugins);
            throw new IllegalStateException("cannot start the embedded broker's server: " + e.getMessage(), e);
        }
    }

    private static boolean isPortTaken(Throwable error) {
        for (Throwable at = error; at != null; at = at.getCause()) {
            if (at instanceof BindException || at instanceof IllegalStateException) {
                return true;
            }
        }
        return false;
    }

    public String url() {
        return server.url();
    }

    public Broker broker() {
        return broker;
    }

    /** Set when the broker could not have the port it was asked for. */
    public Optional<String> notice() {
        return Optional.ofNullable(notice);
    }

    /** A fresh connection to this broker; closing it leaves the broker running. */
    public EmbeddedConnection connect() {
        return new EmbeddedConnection(broker, "embedded broker on " + server.url());
    }

    /** The server first, so that clients are told goodbye, then the broker, which closes the store. */
    @Override
    public void close() {
        server.close();
        closeAll(broker, plugins);
    }

    private static void closeAll(Broker broker, Plugins plugins) {
        broker.close();
        if (plugins != null) {
            plugins.close();
        }
    }
}
