package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.pipeline.Plugins;
import ai.kind.kmb.broker.registry.RegistrySignaturePolicy;
import ai.kind.kmb.broker.registry.TopicRegistry;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.pipeline.PublishStage;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The headless KMB server. It prints exactly two lines on standard output once it serves,
 * {@code kmbd listening on URL} and {@code kmbd data in PATH}; logs go to standard error. On
 * SIGTERM it stops accepting, answers the publishes in flight, closes the connections and then the
 * broker, whose store flushes before it closes: nothing acknowledged is lost.
 */
@Command(name = "kmbd", mixinStandardHelpOptions = true, versionProvider = Kmbd.Version.class,
        description = "Runs the KMB message bus: REST under /v1 and the WebSocket at /v1/ws.",
        footer = "Every setting can also come from the YAML file or an environment variable (docs/configuration.md);"
                + " flags override the environment, which overrides the file.")
public final class Kmbd implements Callable<Integer> {
    static final int CONFIG_ERROR = 2;

    @Option(names = "--port", description = "TCP port (default 7420; 0 picks a free one).")
    private String port;

    @Option(names = "--bind", description = "Address to listen on (default 127.0.0.1).")
    private String bind;

    @Option(names = "--data", description = "Data directory (default ./data).")
    private String data;

    @Option(names = "--backend", description = "sqlite (default), memory, redis or postgres.")
    private String backend;

    @Option(names = "--redis-url", description = "The Redis of backend redis, e.g. redis://127.0.0.1:6379/0.")
    private String redisUrl;

    @Option(names = "--postgres-url", description = "The JDBC URL of backend postgres.")
    private String postgresUrl;

    @Option(names = "--bus-name", description = "The shared bus's Redis key prefix or PostgreSQL schema (default kmb).")
    private String busName;

    @Option(names = "--config", description = "YAML configuration file.")
    private Path config;

    @Option(names = "--allow-insecure", description = "Allow a non-loopback bind address without client auth.")
    private boolean allowInsecure;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    Kmbd(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Kmbd(System.getenv(), System.out, System.err)).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        KmbdConfig settings;
        try {
            settings = new ConfigLoader(environment).load(config, flags());
        } catch (ConfigException e) {
            err.println("kmbd: " + e.getMessage());
            return CONFIG_ERROR;
        }
        Running running;
        try {
            running = start(settings);
        } catch (ConfigException | KmbException | UncheckedIOException | IllegalArgumentException
                 | IllegalStateException e) {
            err.println("kmbd: " + e.getMessage());
            return CONFIG_ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("kmbd-shutdown").unstarted(() -> {
            running.close();
            stopped.countDown();
        }));
        out.println("kmbd listening on " + running.server().url());
        out.println("kmbd data in " + running.location());
        out.flush();
        stopped.await();
        return 0;
    }

    private Running start(KmbdConfig settings) {
        if (!settings.backend().shared() && settings.backend() != Backend.MEMORY) {
            Stores.createDataDir(settings.dataDir());
        }
        announceAuth(settings.serverOptions());
        Stores.Opened opened = Stores.open(settings);
        Broker broker = Broker.start(opened.store(), settings.brokerOptions(), opened.link());
        Plugins plugins = null;
        try {
            if (settings.topicRegistry() != null) {
                broker.useRegistry(TopicRegistry.watch(settings.topicRegistry(), settings.unknownTopics()));
            }
            broker.pipeline().add(PublishStage.VALIDATION,
                    settings.signing().step(RegistrySignaturePolicy.of(broker.registry())));
            plugins = PipelineSetup.apply(settings, broker, nodeId(), err);
            return new Running(broker, KmbServer.start(broker, settings.serverOptions(), "kmbd/" + Version.text()),
                    plugins, opened.location());
        } catch (RuntimeException e) {
            broker.close();
            if (plugins != null) {
                plugins.close();
            }
            throw e;
        }
    }

    /** Says on standard error whether clients are authenticated, loudly when the bus is open to the network. */
    private void announceAuth(ServerOptions server) {
        if (server.auth().enabled()) {
            err.println("kmbd: client authentication on: every client needs a JWT (docs/security.md)");
        } else if (server.isPublicBind()) {
            err.println("kmbd: WARNING: no client authentication, and " + server.bindAddress() + " is reachable from"
                    + " other machines (kmb.allow_insecure): anyone there can publish, subscribe and read history");
        } else {
            err.println("kmbd: no client authentication: loopback only (set kmb.auth to require tokens)");
        }
    }

    private Map<Setting, String> flags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        putIfSet(flags, Setting.PORT, port);
        putIfSet(flags, Setting.BIND, bind);
        putIfSet(flags, Setting.DATA_DIR, data);
        putIfSet(flags, Setting.BACKEND, backend);
        putIfSet(flags, Setting.REDIS_URL, redisUrl);
        putIfSet(flags, Setting.POSTGRES_URL, postgresUrl);
        putIfSet(flags, Setting.BUS_NAME, busName);
        if (allowInsecure) {
            flags.put(Setting.ALLOW_INSECURE, "true");
        }
        return flags;
    }

    private static void putIfSet(Map<Setting, String> flags, Setting setting, String value) {
        if (value != null) {
            flags.put(setting, value);
        }
    }

    /** This machine's name, for the {@code ${node_id}} of configured header steps. */
    private static String nodeId() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The server, then the broker: connections are answered before the store closes under them. */
    private record Running(Broker broker, KmbServer server, Plugins plugins, String location) {
        void close() {
            server.close();
            broker.close();
            if (plugins != null) {
                plugins.close();
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        static String text() {
            String version = Kmbd.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"kmbd " + text()};
        }
    }
}
