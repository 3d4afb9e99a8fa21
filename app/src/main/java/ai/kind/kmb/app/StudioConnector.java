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
 * this process; a remote profile connects to a KMB server with the SDK's remote client, with its
 * token and, for TLS, the certificates of its trust file.
 */
final class StudioConnector implements Connector {
    static final String CLIENT_ID = "kmb-studio";

    private final EmbeddedBroker broker;

    StudioConnector(EmbeddedBroker broker) {
        this.broker = broker;
    }

    @Override
    public Optional<String> unavailableReason(ConnectionProfile profile) {
        return Optional.empty();
    }

    @Override
    public BusConnection open(ConnectionProfile profile) {
        if (profile.isEmbedded()) {
            return broker.connect();
        }
        RemoteBusOptions options = RemoteBusOptions.defaults(URI.create(profile.url())).withClientId(CLIENT_ID);
        if (profile.token() != null && !profile.token().isBlank()) {
            options = options.withToken(profile.token());
        }
        if (profile.trustFile() != null && !profile.trustFile().isBlank()) {
            options = options.withSslContext(TrustFile.sslContext(Path.of(profile.trustFile())));
        }
        return RemoteConnection.open(options);
    }
}
