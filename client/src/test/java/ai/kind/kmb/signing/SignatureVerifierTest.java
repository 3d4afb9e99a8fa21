package ai.kind.kmb.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import ai.kind.kmb.Metadata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureVerifierTest {
    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    private final MessageSigner signer = new MessageSigner("agent-7-key", key, Clock.systemUTC());
    private final SignatureVerifier verifier = new SignatureVerifier(new KeyRegistry(Map.of(
            "agent-7-key", new KeyRegistry.Entry("agent-7", key.generatePublicKey()))));

    @TempDir
    Path dir;

    private static JsonNode jwk(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Envelope from(String clientId, Envelope message) {
        return message.withMetadata(message.metadata().withAuth(new Metadata.Auth("kOS", clientId)));
    }

    @Test
    void aMessageSignedByItsPublishersKeyIsValidAfterACodecRoundTrip() {
        Envelope signed = signer.sign(Envelope.event("agent.intent", Json.object().put("amount", 12.50)));
        Envelope received = EnvelopeCodec.fromJson(EnvelopeCodec.toJsonString(from("agent-7", signed)));

        assertThat(verifier.verify(received).status()).isEqualTo(SignatureVerdict.Status.VALID);
    }

    @Test
    void tamperingForeignKeysAndMissingSignaturesAreToldApart() {
        Envelope signed = from("agent-7", signer.sign(Envelope.event("agent.intent", TextNode.valueOf("pay 10"))));

        assertThat(verifier.verify(signed.withPayload(TextNode.valueOf("pay 1000"))).status())
                .isEqualTo(SignatureVerdict.Status.INVALID);
        assertThat(verifier.verify(signed.withTopic("agent.other")).status())
                .isEqualTo(SignatureVerdict.Status.INVALID);
        assertThat(verifier.verify(from("mallory", signed)).status()).isEqualTo(SignatureVerdict.Status.WRONG_CLIENT);
        assertThat(verifier.verify(from("agent-7", Envelope.event("agent.intent", null))).status())
                .isEqualTo(SignatureVerdict.Status.UNSIGNED);
        Envelope unknown = signed.withMetadata(signed.metadata().withSignature(
                new Metadata.Signature("Ed25519", "who", signed.metadata().signature().value())));
        assertThat(verifier.verify(unknown).status()).isEqualTo(SignatureVerdict.Status.UNKNOWN_KEY);
    }

    @Test
    void aSignatureMadeByNodesCryptoVerifies() throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/signing/node-signed-message.json")) {
            fixture = Json.mapper().readTree(in);
        }
        Envelope message = EnvelopeCodec.fromJson(fixture.get("envelope"));
        KeyRegistry registry = new KeyRegistry(Map.of(fixture.get("key_id").asText(), new KeyRegistry.Entry(
                fixture.get("client_id").asText(),
                Ed25519Keys.readPublic(fixture.get("public_key").asText(), "fixture"))));

        assertThat(new String(SignedContent.of(message), StandardCharsets.UTF_8))
                .isEqualTo(fixture.get("signed_content").asText());
        assertThat(new SignatureVerifier(registry).verify(message).status()).isEqualTo(SignatureVerdict.Status.VALID);
    }

    @Test
    void theKeyRegistryFileBindsKeyIdsToClientsInPemOrRawForm() throws Exception {
        Path file = dir.resolve("keys.yaml");
        String pem = Ed25519Keys.publicPem(key.generatePublicKey()).indent(6);
        Files.writeString(file, "keys:\n  agent-7-key:\n    client_id: agent-7\n    public_key: |\n" + pem
                + "  raw-key:\n    client_id: agent-8\n    public_key: "
                + Ed25519Keys.base64Url(key.generatePublicKey().getEncoded()) + "\n");

        KeyRegistry registry = KeyRegistry.load(file);

        assertThat(registry.find("agent-7-key").orElseThrow().clientId()).isEqualTo("agent-7");
        assertThat(registry.find("raw-key").orElseThrow().publicKey().getEncoded())
                .isEqualTo(key.generatePublicKey().getEncoded());
    }

    @Test
    void pemAndJwkFormsReadBack() {
        String privatePem = Ed25519Keys.privatePem(key);

        assertThat(Ed25519Keys.readPrivate(privatePem, "pem").getEncoded()).isEqualTo(key.getEncoded());
        assertThat(Ed25519Keys.publicJwk("k", key.generatePublicKey())).contains("\"crv\":\"Ed25519\"");
        assertThat(Ed25519Keys.readPrivateJwk(jwk(Ed25519Keys.privateJwk("k", key)), "jwk").getEncoded())
                .isEqualTo(key.getEncoded());
    }

    @Test
    void aPrivateJwkIsRefusedWhenPublicWhenForeignOrWhenItsHalvesDoNotMatch() {
        Ed25519PrivateKeyParameters other = new Ed25519PrivateKeyParameters(new SecureRandom());
        ObjectNode mismatched = (ObjectNode) jwk(Ed25519Keys.privateJwk("k", key));
        mismatched.put("x", Ed25519Keys.base64Url(other.generatePublicKey().getEncoded()));

        assertThatThrownBy(() -> Ed25519Keys.readPrivateJwk(jwk(Ed25519Keys.publicJwk("k",
                key.generatePublicKey())), "k.pub.jwk.json")).hasMessage("k.pub.jwk.json is a public JWK (no \"d\");"
                + " signing needs the private one");
        assertThatThrownBy(() -> Ed25519Keys.readPrivateJwk(jwk("{\"kty\":\"RSA\",\"d\":\"AA\"}"), "rsa.json"))
                .hasMessageContaining("rsa.json is not an Ed25519 JWK");
        assertThatThrownBy(() -> Ed25519Keys.readPrivateJwk(mismatched, "k.jwk.json"))
                .hasMessageContaining("k.jwk.json has an \"x\" that is not the public key of its \"d\"");
    }
}
