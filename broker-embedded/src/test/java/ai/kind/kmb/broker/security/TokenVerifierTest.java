package ai.kind.kmb.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifierTest {
    private final TokenVerifier hmac = new TokenVerifier(AuthSettings.hmac(TestTokens.SECRET).withIssuer("kOS")
            .withAudience("kmb"), Clock.systemUTC());

    @TempDir
    Path dir;

    private static JWTClaimsSet.Builder valid() {
        return TestTokens.claims("agent-7", null).audience("kmb");
    }

    @Test
    void aValidHs256TokenProvesItsSubjectAndIssuer() {
        Identity identity = hmac.verify(TestTokens.hs256(valid().build()));

        assertThat(identity.clientId()).isEqualTo("agent-7");
        assertThat(identity.issuer()).isEqualTo("kOS");
        assertThat(identity.permissions()).isEqualTo(Permissions.NONE);
    }

    @Test
    void aForgedSignatureIsRefused() {
        String token = TestTokens.hs256(valid().build());
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + Base64URL.encode("not the mac".getBytes());

        assertUnauthorized(() -> hmac.verify(forged), "signature does not verify");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String token = TestTokens.hs256(valid().build());
        String[] parts = token.split("\\.");
        String admin = Base64URL.encode(valid().subject("root").build().toString().getBytes(StandardCharsets.UTF_8))
                .toString();

        assertUnauthorized(() -> hmac.verify(parts[0] + "." + admin + "." + parts[2]), "signature does not verify");
    }

    @Test
    void expiredAndNotYetValidTokensAreRefusedBeyondTheSkew() {
        Instant now = Instant.now();
        String expired = TestTokens.hs256(valid().expirationTime(Date.from(now.minusSeconds(60))).build());
        String early = TestTokens.hs256(valid().notBeforeTime(Date.from(now.plusSeconds(60))).build());
        String justExpired = TestTokens.hs256(valid().expirationTime(Date.from(now.minusSeconds(10))).build());

        assertUnauthorized(() -> hmac.verify(expired), "expired");
        assertUnauthorized(() -> hmac.verify(early), "not valid before");
        assertThat(hmac.verify(justExpired).clientId()).isEqualTo("agent-7");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("agent-7").issuer("kOS").audience("kmb").build();

        assertUnauthorized(() -> hmac.verify(TestTokens.hs256(claims)), "exp");
    }

    @Test
    void wrongAudienceAndIssuerAreRefused() {
        assertUnauthorized(() -> hmac.verify(TestTokens.hs256(valid().audience("elsewhere").build())), "aud");
        assertUnauthorized(() -> hmac.verify(TestTokens.hs256(valid().issuer("mallory").build())), "iss");
    }

    @Test
    void unsignedTokensAreRefused() {
        String none = new PlainJWT(valid().build()).serialize();

        assertUnauthorized(() -> hmac.verify(none), "not signed");
        assertUnauthorized(() -> hmac.verify(null), "missing");
        assertUnauthorized(() -> hmac.verify("garbage"), "not a JWT");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
        String other = TestTokens.sign(new MACSigner("another-secret-of-at-least-32-bytes".getBytes()),
                JWSAlgorithm.HS256, null, valid().build());

        assertUnauthorized(() -> hmac.verify(other), "signature does not verify");
    }

    @Test
    void rs256Es256AndEdDsaTokensVerifyWithConfiguredPublicKeys() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path rsaPem = pem("rsa.pem", rsa.toPublicKey().getEncoded());
        Path edPem = pem("ed.pem", ed.getPublic().getEncoded());
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(ec.toPublicJWK()).toString());
        TokenVerifier verifier = new TokenVerifier(AuthSettings.NONE.withPublicKeys(List.of(rsaPem, edPem))
                .withJwksFile(jwks), Clock.systemUTC());

        String rs = TestTokens.sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, null, valid().build());
        String es = TestTokens.sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1", valid().build());
        String eddsa = edDsa(ed, valid().build());

        assertThat(verifier.verify(rs).clientId()).isEqualTo("agent-7");
        assertThat(verifier.verify(es).clientId()).isEqualTo("agent-7");
        assertThat(verifier.verify(eddsa).clientId()).isEqualTo("agent-7");
    }

    @Test
    void aTokenSignedByAnUnknownKeyIsRefused() throws Exception {
        RSAKey trusted = new RSAKeyGenerator(2048).generate();
        RSAKey stranger = new RSAKeyGenerator(2048).generate();
        TokenVerifier verifier = new TokenVerifier(AuthSettings.NONE.withPublicKeys(
                List.of(pem("trusted.pem", trusted.toPublicKey().getEncoded()))), Clock.systemUTC());

        String token = TestTokens.sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, null, valid().build());

        assertUnauthorized(() -> verifier.verify(token), "signature does not verify");
    }

    @Test
    void anHs256TokenMacedWithThePublicKeyIsRefused() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        Path publicPem = pem("rsa.pem", rsa.toPublicKey().getEncoded());
        TokenVerifier verifier = new TokenVerifier(AuthSettings.NONE.withPublicKeys(List.of(publicPem)),
                Clock.systemUTC());
        byte[] publicKeyAsSecret = Files.readAllBytes(publicPem);

        String confused = TestTokens.sign(new MACSigner(publicKeyAsSecret), JWSAlgorithm.HS256, null, valid().build());

        assertUnauthorized(() -> verifier.verify(confused), "has no key for");
    }

    @Test
    void aMalformedPermissionsClaimRefusesTheToken() {
        String token = TestTokens.hs256(valid().claim("kmb", java.util.Map.of("pub", "everything")).build());

        assertUnauthorized(() -> hmac.verify(token), "kmb.pub");
    }

    @Test
    void theClockSkewIsBounded() {
        assertThatThrownBy(() -> AuthSettings.hmac(TestTokens.SECRET).withClockSkew(Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clock skew");
    }

    private Path pem(String name, byte[] spki) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(spki)
                + "\n-----END PUBLIC KEY-----\n");
        return file;
    }

    private static String edDsa(KeyPair pair, JWTClaimsSet claims) throws Exception {
        String header = Base64URL.encode("{\"alg\":\"EdDSA\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String payload = Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8)).toString();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + Base64URL.encode(signer.sign());
    }

    private static void assertUnauthorized(Runnable call, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KmbException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED)).hasMessageContaining(reason);
    }
}
