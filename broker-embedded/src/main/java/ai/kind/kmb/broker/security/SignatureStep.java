package ai.kind.kmb.broker.security;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.pipeline.PublishStep;
import ai.kind.kmb.broker.pipeline.StepOutcome;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.signing.SignatureVerdict;
import ai.kind.kmb.signing.SignatureVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies message signatures on publish (in the VALIDATION stage) and writes the verdict into the
 * {@value #HEADER} header. The header is the broker's: whatever a client put there is replaced on
 * every publish, so a receiver or KMB Studio can trust it. On a topic whose policy requires
 * signatures, anything but a valid signature is refused or dead-lettered.
 */
public final class SignatureStep implements PublishStep {
    public static final String HEADER = SignatureVerdict.HEADER;

    private final SignatureVerifier verifier;
    private final SignaturePolicy policy;

    /** {@code verifier} is null when no key registry is configured: signatures are then not checked. */
    public SignatureStep(SignatureVerifier verifier, SignaturePolicy policy) {
        this.verifier = verifier;
        this.policy = policy;
    }

    @Override
    public StepOutcome apply(Envelope message) {
        SignatureVerdict verdict = verdict(message);
        Map<String, String> headers = new LinkedHashMap<>(message.metadata().headers());
        headers.put(HEADER, verdict.status().wireName());
        Envelope stamped = message.withMetadata(message.metadata().withHeaders(headers));
        Optional<SignaturePolicy.OnFailure> required = policy.required(message.topic());
        if (required.isEmpty() || verdict.valid()) {
            return new StepOutcome.Continue(stamped);
        }
        String reason = "topic '" + message.topic() + "' requires a valid Ed25519 signature: " + verdict.detail();
        return switch (required.get()) {
            case REFUSE -> new StepOutcome.Refuse(new KmbException(ErrorCode.FORBIDDEN, reason,
                    List.of(new ErrorDetail("metadata.signature", verdict.detail()))));
            case DEAD_LETTER -> new StepOutcome.DeadLetter(stamped, DeathReason.SIGNATURE_INVALID, ErrorCode.FORBIDDEN,
                    reason);
        };
    }

    private SignatureVerdict verdict(Envelope message) {
        if (verifier != null) {
            return verifier.verify(message);
        }
        return message.metadata().signature() == null
                ? new SignatureVerdict(SignatureVerdict.Status.UNSIGNED, null, "the message carries no signature")
                : new SignatureVerdict(SignatureVerdict.Status.NOT_CHECKED, message.metadata().signature().keyId(),
                        "this broker has no key registry (kmb.signing.keys)");
    }

    @Override
    public String name() {
        return "signature";
    }
}
