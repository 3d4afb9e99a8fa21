package ai.kind.kmb.ui.inspector;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.signing.SignatureVerdict;

/**
 * The inspector's signature verdict for one message: the broker's word (its {@code kmb_signature}
 * header, which clients cannot forge) when there is one, else whether the message carries a signature.
 *
 * @param styleClass {@code signature-valid}, {@code signature-invalid}, {@code signature-unchecked} or
 *                   {@code signature-none}, for the badge's colour
 */
public record SignatureBadge(String text, String explanation, String styleClass) {
    public static final SignatureBadge NONE = new SignatureBadge("", "", "signature-none");

    public static SignatureBadge of(Envelope message) {
        Metadata metadata = message.metadata();
        String verdict = metadata.headers().get(SignatureVerdict.HEADER);
        Metadata.Signature signature = metadata.signature();
        String key = signature == null || signature.keyId() == null ? "" : " with key '" + signature.keyId() + "'";
        if (verdict == null) {
            return signature == null
                    ? new SignatureBadge("unsigned", "The message carries no signature.", "signature-none")
                    : new SignatureBadge("signed, not verified", "Signed" + key + ", but no broker verdict came with"
                            + " it: the broker checks signatures only when kmbd has a key registry.", "signature-unchecked");
        }
        return switch (verdict) {
            case "valid" -> new SignatureBadge("signature valid", "The broker verified the Ed25519 signature" + key
                    + " against its key registry.", "signature-valid");
            case "unsigned" -> new SignatureBadge("unsigned", "The message carries no signature.", "signature-none");
            case "not_checked" -> new SignatureBadge("signed, not verified", "Signed" + key
                    + "; the broker has no key registry to check it.", "signature-unchecked");
            case "unknown_key" -> new SignatureBadge("signature: unknown key", "Signed" + key
                    + ", a key the broker's registry does not know.", "signature-invalid");
            case "wrong_client" -> new SignatureBadge("signature: wrong client", "Signed" + key
                    + ", which belongs to another client than the one that published it.", "signature-invalid");
            default -> new SignatureBadge("signature invalid", "The signature" + key
                    + " does not match the message (broker verdict '" + verdict + "').", "signature-invalid");
        };
    }
}
