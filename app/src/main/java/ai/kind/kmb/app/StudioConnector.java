package ai.kind.kmb.app;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.remote.RemoteConnection;
import ai.kind.kmb.remote.TrustFile;
import ai.kind.kmb.ui.connect.ConnectionProfile;
import ai.kind.kmb.ui.connect.Connector;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens connections for the Studio: the embedded profile gets a fresh connection to the broker in
 * this process; a remote profile gets the SDK's {@link RemoteConnection} (WebSocket for the bus,
 * REST for history, topics and dead letters) with the profile's token and TLS trust file.
 */
final class StudioConnector implements Connector {
    private static final String CLIENT_ID = "kmb-studio";

    private final EmbeddedBroker broker;

    StudioConnector(EmbeddedBroker broker) {
        this.broker = broker;
    }

    @Override
    public Optional<String> unavailableReason(ConnectionProfile profile) {
        if (profile.isEmbedded()) {
            return Optional.empty();
        }
        if (profile.url() == null || profile.url().isBlank()) {
            return Optional.of("This profile has no URL.");
        }
        return Optional.empty();
    }

    /** Blocks while a remote server is reached (at most its connect time-out); called off the FX thread. */
    @Override
    public BusConnection open(ConnectionProfile profile) throws Exception {
        if (profile.isEmbedded()) {
            return broker.connect();
        }
        RemoteBusOptions options = RemoteBusOptions.defaults(URI.create(profile.url())).withClientId(CLIENT_ID);
        if (profile.token() != null) {
            options = options.withToken(profile.token());
        }
        if (profile.trustFile() != null) {
            options = options.withSslContext(TrustFile.sslContext(Path.of(profile.trustFile())));
        }
        return RemoteConnection.open(options);
    }
}
