package ai.kind.kmb.signing;

/**
 * What checking a message's signature found. {@code wireName} is what the broker writes into the
 * {@code kmb_signature} header and KMB Studio shows.
 *
 * @param keyId  the key the message named, or null when unsigned
 * @param detail a sentence saying why, for people
 */
public record SignatureVerdict(Status status, String keyId, String detail) {
    /** The broker-owned header holding the broker's verdict; whatever a client writes there is replaced. */
    public static final String HEADER = "kmb_signature";

    public enum Status {
        /** Signed by a registered key that belongs to the client that published it. */
        VALID("valid"),
        UNSIGNED("unsigned"),
        /** The key id is not in the key registry. */
        UNKNOWN_KEY("unknown_key"),
        /** The key belongs to another client than {@code metadata.auth.client_id}. */
        WRONG_CLIENT("wrong_client"),
        /** The signature does not match the content, or is not Ed25519. */
        INVALID("invalid"),
        /** Signed, but the broker has no key registry to check it against. */
        NOT_CHECKED("not_checked");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public boolean valid() {
        return status == Status.VALID;
    }
}
