package ai.kind.kmb.app;

import ai.kind.kmb.KmbException;
import ai.kind.kmb.signing.KeyRegistry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * KMB Studio's entry point. It does not extend {@code Application}: JavaFX then starts from the
 * class path without module flags, and jpackage can use this class as the launcher.
 */
@Command(name = "kmb-studio", mixinStandardHelpOptions = true, versionProvider = KmbStudio.Version.class,
        description = "The desktop dashboard of the Kind Message Bus. Runs an embedded broker on 127.0.0.1 "
                + "(agents and kmbctl on this machine can join it) and shows its traffic live.")
public final class KmbStudio implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where the embedded broker keeps its log (default: ~/.kmb-studio; "
                    + "a temporary folder with --screenshot).")
    private Path data;

    @Option(names = "--config", paramLabel = "DIR",
            description = "Where settings and connection profiles live (default: ~/.config/kmb-studio).")
    private Path config;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7420",
            description = "Port of the embedded broker on 127.0.0.1; a free one is used if it is taken (default: 7420).")
    private int port;

    @Option(names = "--demo", description = "Start simulated agents that produce realistic traffic.")
    private boolean demo;

    @Option(names = "--backend", paramLabel = "KIND",
            description = "Where the embedded broker keeps messages: sqlite (its own log), or redis or postgres to join "
                    + "a bus that kmbd nodes share (needs --redis-url or --postgres-url). Default: the saved setting "
                    + "(Connect view), else sqlite.")
    private String backend;

    @Option(names = "--redis-url", paramLabel = "URL", description = "The shared Redis, e.g. redis://127.0.0.1:6379/0.")
    private String redisUrl;

    @Option(names = "--postgres-url", paramLabel = "JDBC-URL", description = "The shared PostgreSQL's JDBC URL.")
    private String postgresUrl;

    @Option(names = "--bus-name", paramLabel = "NAME",
            description = "The shared bus's Redis key prefix or PostgreSQL schema, as the kmbd nodes' kmb.bus_name "
                    + "(default: the saved setting, else kmb).")
    private String busName;

    @Option(names = "--key-registry", paramLabel = "FILE",
            description = "The key registry that checks message signatures (default: the saved setting, else keys.yaml "
                    + "in the data directory when there is one).")
    private Path keyRegistry;

    @Option(names = "--screenshot", paramLabel = "DIR",
            description = "Render every view in light and dark to PNG files in DIR, headless, then exit.")
    private Path screenshot;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new KmbStudio()).execute(args));
    }

    /** The pom's version, from the jar's manifest; "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KmbStudio.class.getPackage().getImplementationVersion();
            return new String[] {"KMB Studio " + (version == null ? "dev" : version)};
        }
    }

    @Override
    public Integer call() throws Exception {
        StudioOptions options = new StudioOptions(data, config == null ? StudioOptions.defaultConfigDirectory() : config,
                port, demo, screenshot, new EmbeddedFlags(backend(), redisUrl, postgresUrl, busName, keyRegistry()));
        return new StudioLauncher(options).run();
    }

    /** Read now, so a registry that would stop the broker is refused before anything starts. */
    private Path keyRegistry() {
        if (keyRegistry != null) {
            try {
                KeyRegistry.load(keyRegistry);
            } catch (KmbException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--key-registry: " + e.getMessage(), e);
            }
        }
        return keyRegistry;
    }

    /** The whole backend when {@code --backend} is given (null otherwise), checked before anything starts. */
    private EmbeddedBackend backend() {
        if (backend == null) {
            return null;
        }
        try {
            EmbeddedBackend.Kind kind = EmbeddedBackend.Kind.valueOf(backend.toUpperCase(Locale.ROOT));
            return new EmbeddedBackend(kind, switch (kind) {
                case SQLITE -> null;
                case REDIS -> redisUrl;
                case POSTGRES -> postgresUrl;
            }, busName == null ? EmbeddedBackend.DEFAULT_BUS_NAME : busName);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage().startsWith("No enum constant")
                    ? "--backend must be sqlite, redis or postgres, got '" + backend + "'" : e.getMessage();
            throw new CommandLine.ParameterException(spec.commandLine(), why, e);
        }
    }
}
