package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish --sign} with key files that cannot sign: each is refused before anything is sent
 * (the URL points nowhere, so reaching the network would fail differently), naming the file and
 * what is wrong with it.
 */
class SigningKeyFileTest {
    private static final String NOWHERE = "http://127.0.0.1:1";

    @TempDir
    Path dir;

    @Test
    void aMissingFileExitsNotFoundNamingIt() {
        Path missing = dir.resolve("nope.key.pem");

        TestKmbd.Result result = publishSignedWith(missing);

        assertThat(result.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(result.errLines()).containsExactly("kmbctl: signing key " + missing + " does not exist (--sign)");
    }

    @Test
    void aPublicKeyInsteadOfThePrivateOneIsSaidSo() {
        assertThat(TestKmbd.run(Map.of(), "", "keys", "gen", "agent-7", "--out", dir.toString()).code()).isZero();
        Path publicKey = dir.resolve("agent-7.pub.pem");

        TestKmbd.Result result = publishSignedWith(publicKey);

        assertThat(result.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("kmbctl: signing key " + publicKey + " is a public key; --sign "
                + "needs the private key (the KEY_ID.key.pem that 'kmbctl keys gen' wrote next to it)");
    }

    @Test
    void textThatIsNoKeyAndAKeyOfAnotherKindAreRefusedNamingTheFile() throws Exception {
        Path garbage = Files.writeString(dir.resolve("notes.key.pem"), "just some notes\n");
        Path rsa = Files.writeString(dir.resolve("rsa.key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n");
        Path badJwk = Files.writeString(dir.resolve("broken.jwk.json"), "{\"kty\":\"OKP\",");

        TestKmbd.Result notAKey = publishSignedWith(garbage);
        TestKmbd.Result notEd25519 = publishSignedWith(rsa);
        TestKmbd.Result notJson = publishSignedWith(badJwk);

        assertThat(notAKey.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(notAKey.errLines()).containsExactly("kmbctl: signing key " + garbage
                + " holds no '-----BEGIN PRIVATE KEY-----' block");
        assertThat(notEd25519.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(notEd25519.errLines()).containsExactly("kmbctl: signing key " + rsa
                + " holds a PRIVATE KEY that is not an Ed25519 key");
        assertThat(notJson.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(notJson.err()).startsWith("kmbctl: signing key " + badJwk + " is not valid JSON: ");
    }

    @Test
    void aFileNameThatNamesNoKeyNeedsKeyIdAndKeyIdNeedsSign() throws Exception {
        assertThat(TestKmbd.run(Map.of(), "", "keys", "gen", "agent-7", "--out", dir.toString()).code()).isZero();
        Path renamed = Files.move(dir.resolve("agent-7.key.pem"), dir.resolve("signing.pem"));

        TestKmbd.Result unnamed = publishSignedWith(renamed);
        TestKmbd.Result keyIdAlone = TestKmbd.run(Map.of(), "", "--url", NOWHERE, "publish", "a.b", "{}",
                "--key-id", "agent-7");

        assertThat(unnamed.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unnamed.err()).startsWith("kmbctl: cannot tell the key id from the file name signing.pem")
                .contains("give --key-id");
        assertThat(keyIdAlone.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(keyIdAlone.err()).startsWith("kmbctl: --key-id names the key of --sign; give --sign KEYFILE too");
    }

    private static TestKmbd.Result publishSignedWith(Path keyFile) {
        return TestKmbd.run(Map.of(), "", "--url", NOWHERE, "publish", "payments.sent", "{}",
                "--sign", keyFile.toString());
    }
}
