package ai.kind.kmb.broker.security;

/** Where replies to a client go: {@code _inbox.<client_id>}, the client's own inbox. */
public final class Inboxes {
    public static final String PREFIX = "_inbox.";

    private Inboxes() {
    }

    public static String of(String clientId) {
        return PREFIX + clientId;
    }
}
