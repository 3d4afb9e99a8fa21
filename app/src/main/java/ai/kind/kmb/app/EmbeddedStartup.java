package ai.kind.kmb.app;

import ai.kind.kmb.KmbException;
import ai.kind.kmb.signing.KeyRegistry;
import ai.kind.kmb.ui.connect.EmbeddedBrokerSettings;
import ai.kind.kmb.ui.connect.EmbeddedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts the embedded broker as the saved settings say, with the command-line flags winning for
 * this run. A flag that cannot be used stops the start, as it always did: the person is there to
 * read why. A saved setting that cannot be used (its Redis is down, its key registry was deleted)
 * falls back to the embedded store, or to no key registry, and says so in the status bar: a saved
 * setting must never keep the Studio from starting, since the Studio is where it is changed.
 */
final class EmbeddedStartup {

    /** The broker, and what it uses (for the Connect view), saved settings it could not use included. */
    record Started(EmbeddedBroker broker, EmbeddedRun run) {
        /** The status bar's standing remark, short: the Connect view says why a saved setting was not used. */
        String notice() {
            List<String> all = new ArrayList<>();
            if (!run.fallbacks().isEmpty()) {
                all.add("saved embedded broker settings not used this run (Connect says why)");
            }
            broker.notice().ifPresent(all::add);
            return all.isEmpty() ? null : String.join("; ", all);
        }

        /** Everything to say at start, whole, for the terminal. */
        List<String> remarks() {
            List<String> all = new ArrayList<>(run.fallbacks());
            broker.notice().ifPresent(all::add);
            return all;
        }
    }

    private EmbeddedStartup() {
    }

    static Started start(EmbeddedFlags flags, EmbeddedBrokerSettings saved, Path dataDirectory, int port,
                         Optional<Path> topicRegistry) {
        List<String> overriding = new ArrayList<>();
        List<String> fallbacks = new ArrayList<>();
        Optional<Path> keys = keyRegistry(flags, saved, dataDirectory, overriding, fallbacks);
        EmbeddedBackend backend = backend(flags, saved, overriding);
        EmbeddedBroker broker;
        try {
            broker = EmbeddedBroker.start(backend, dataDirectory, port, topicRegistry, keys);
        } catch (RuntimeException e) {
            if (flags.backend() != null || backend.kind() == EmbeddedBackend.Kind.SQLITE) {
                throw e;
            }
            // First: which store this run writes to matters more than the key registry.
            fallbacks.addFirst("The saved backend, " + settings(backend, null).describe() + ", could not start, so "
                    + "this run uses the embedded store: " + e.getMessage());
            backend = EmbeddedBackend.sqlite();
            broker = EmbeddedBroker.start(backend, dataDirectory, port, topicRegistry, keys);
        }
        return new Started(broker, new EmbeddedRun(settings(backend, keys.map(Path::toString).orElse(null)), overriding,
                fallbacks));
    }

    /** {@code --backend} is the whole backend; otherwise the saved one, with {@code --*-url} and {@code --bus-name} over it. */
    private static EmbeddedBackend backend(EmbeddedFlags flags, EmbeddedBrokerSettings saved, List<String> overriding) {
        if (flags.backend() != null) {
            overriding.add("--backend");
            return flags.backend();
        }
        EmbeddedBackend.Kind kind = EmbeddedBackend.Kind.valueOf(saved.backend().name());
        String urlFlag = switch (kind) {
            case SQLITE -> null;
            case REDIS -> flags.redisUrl();
            case POSTGRES -> flags.postgresUrl();
        };
        if (urlFlag != null) {
            overriding.add(kind == EmbeddedBackend.Kind.REDIS ? "--redis-url" : "--postgres-url");
        }
        if (kind != EmbeddedBackend.Kind.SQLITE && flags.busName() != null) {
            overriding.add("--bus-name");
        }
        return new EmbeddedBackend(kind, kind == EmbeddedBackend.Kind.SQLITE ? null : urlFlag != null ? urlFlag
                : saved.url(), flags.busName() != null ? flags.busName() : saved.busName());
    }

    /** {@code --key-registry}, else the saved file, else {@code keys.yaml} in the data directory when there is one. */
    private static Optional<Path> keyRegistry(EmbeddedFlags flags, EmbeddedBrokerSettings saved, Path dataDirectory,
                                              List<String> overriding, List<String> fallbacks) {
        if (flags.keyRegistry() != null) {
            overriding.add("--key-registry");
            return Optional.of(flags.keyRegistry());
        }
        if (saved.keyRegistry() != null) {
            Path file = Path.of(saved.keyRegistry());
            try {
                KeyRegistry.load(file);
                return Optional.of(file);
            } catch (KmbException e) {
                fallbacks.add("The saved key registry cannot be used, so signatures are not checked this run: "
                        + e.getMessage());
                return Optional.empty();
            }
        }
        Path inData = dataDirectory.resolve(EmbeddedBroker.SIGNING_KEYS);
        return Files.isRegularFile(inData) ? Optional.of(inData) : Optional.empty();
    }

    private static EmbeddedBrokerSettings settings(EmbeddedBackend backend, String keyRegistry) {
        return new EmbeddedBrokerSettings(EmbeddedBrokerSettings.Backend.valueOf(backend.kind().name()), backend.url(),
                backend.busName(), keyRegistry);
    }
}
