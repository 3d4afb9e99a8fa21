package ai.kind.kmb.ui.connect;

import ai.kind.kmb.connection.BusConnection;
import java.util.Optional;

/**
 * Opens a {@link BusConnection} for a profile. The app provides it: only the app knows the
 * embedded broker, and which remote client this build has. The UI sees nothing else of either.
 */
public interface Connector {

    /** Why this build cannot open such a profile, in words for the person; empty when it can. */
    Optional<String> unavailableReason(ConnectionProfile profile);

    /** Opens a connection; may block (a remote handshake), so it is called off the FX thread. */
    BusConnection open(ConnectionProfile profile) throws Exception;
}
