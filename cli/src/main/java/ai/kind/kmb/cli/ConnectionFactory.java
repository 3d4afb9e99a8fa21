package ai.kind.kmb.cli;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.remote.RemoteConnection;
import ai.kind.kmb.remote.TrustFile;
import java.net.URI;
import java.nio.file.Path;

/**
 * Opens the bus a command works on. kmbctl uses {@link #remote()}; tests, or a program that embeds
 * kmbctl's commands next to its own broker, pass another.
 */
@FunctionalInterface
public interface ConnectionFactory {

    /**
     * Where to connect and as whom; {@code token} is null without authentication, {@code trust} (a
     * PEM file of certificates) null to use the JDK's trusted authorities; {@code clientId} is the
     * name given in {@code hello}, which a server without authentication takes as the client id.
     */
    record Target(URI url, String token, Path trust, String clientId) {
    }

    BusConnection open(Target target);

    /** A {@link RemoteConnection}: the WebSocket for publish and subscribe, REST for the rest. */
    static ConnectionFactory remote() {
        return target -> RemoteConnection.open(RemoteBusOptions.defaults(target.url()).withToken(target.token())
                .withClientId(target.clientId())
                .withSslContext(target.trust() == null ? null : TrustFile.sslContext(target.trust())));
    }
}
