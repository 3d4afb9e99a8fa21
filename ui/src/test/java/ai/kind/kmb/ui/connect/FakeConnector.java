package ai.kind.kmb.ui.connect;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.ui.testing.TestBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Opens a new {@link TestBus} per connect; remote profiles are refused with a reason, to test how that shows. */
final class FakeConnector implements Connector {
    static final String NO_REMOTE = "this connector opens embedded profiles only";

    final List<TestBus> opened = new ArrayList<>();
    boolean failNext;

    @Override
    public Optional<String> unavailableReason(ConnectionProfile profile) {
        return profile.isEmbedded() ? Optional.empty() : Optional.of(NO_REMOTE);
    }

    @Override
    public BusConnection open(ConnectionProfile profile) throws Exception {
        if (failNext) {
            failNext = false;
            throw new java.io.IOException("connection refused");
        }
        TestBus bus = new TestBus("bus " + (opened.size() + 1));
        opened.add(bus);
        return bus;
    }
}
