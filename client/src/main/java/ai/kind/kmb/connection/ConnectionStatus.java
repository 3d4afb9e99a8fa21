package ai.kind.kmb.connection;

/** Where a connection stands, with a line a person can read ("listening on ...", "retrying in 2 s"). */
public record ConnectionStatus(State state, String detail) {
    public enum State {
        CONNECTED,
        CONNECTING,
        DISCONNECTED
    }

    public static ConnectionStatus connected(String detail) {
        return new ConnectionStatus(State.CONNECTED, detail);
    }
}
