package ai.kind.kmb.app;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.ui.connect.ConnectionProfile;
import ai.kind.kmb.ui.connect.Connector;
import java.util.Optional;

/**
 * Opens connections for the Studio. The embedded profile gets a fresh connection to the broker in
 * this process. Remote profiles need the SDK's remote client (ai.kind.kmb.remote), which this build
 * does not have yet: they are refused with a reason the Connect view shows, rather than faked.
 */
final class StudioConnector implements Connector {
    static final String REMOTE_UNAVAILABLE = "Remote connections arrive with the SDK. This build of KMB Studio has "
            + "no remote client yet (ai.kind.kmb.remote), so it can only use its embedded broker. Profiles you save "
            + "here are kept and will connect once it lands.";

    private final EmbeddedBroker broker;

    StudioConnector(EmbeddedBroker broker) {
        this.broker = broker;
    }

    @Override
    public Optional<String> unavailableReason(ConnectionProfile profile) {
        return profile.isEmbedded() ? Optional.empty() : Optional.of(REMOTE_UNAVAILABLE);
    }

    @Override
    public BusConnection open(ConnectionProfile profile) {
        if (!profile.isEmbedded()) {
            throw new IllegalStateException(REMOTE_UNAVAILABLE);
        }
        return broker.connect();
    }
}
