package ai.kind.kmb.app;

import java.nio.file.Path;

/**
 * What the command line said about the embedded broker; each field is null when its flag was not
 * given, and the saved settings decide it.
 *
 * @param backend     {@code --backend} with its URL and {@code --bus-name}: the whole backend, saved one aside
 * @param redisUrl    {@code --redis-url}: replaces the saved Redis backend's URL
 * @param postgresUrl {@code --postgres-url}: replaces the saved PostgreSQL backend's URL
 * @param busName     {@code --bus-name}: replaces the saved shared backend's bus name
 * @param keyRegistry {@code --key-registry}
 */
public record EmbeddedFlags(EmbeddedBackend backend, String redisUrl, String postgresUrl, String busName,
                            Path keyRegistry) {
    public static final EmbeddedFlags NONE = new EmbeddedFlags(null, null, null, null, null);
}
