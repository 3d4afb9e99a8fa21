package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.broker.kmbd.Kmbd;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmbctl publish --sign} as an operator uses it: keys made by {@code kmbctl keys gen}, the
 * printed registry entry pasted into kmbd's key registry, and kmbd (its own process) requiring
 * signatures on {@code payments.#}.
 */
class SignedPublishTest {
    @TempDir
    Path dir;

    private Child kmbd;
    private String url;

    @BeforeEach
    void startKmbdRequiringSignatures() throws Exception {
        String registry = "keys:\n" + registryEntry("agent-7-2026", "agent-7", "pem")
                + registryEntry("agent-8", "agent-8", "jwk");
        Files.writeString(dir.resolve("keys.yaml"), registry);
        // Made the same way, but never registered with kmbd.
        assertThat(TestKmbd.run(Map.of(), "", "keys", "gen", "intruder", "--client", "agent-7",
                "--out", dir.resolve("other").toString()).code()).isZero();
        kmbd = Child.start(dir, Map.of("KMB_SIGNING_KEYS", dir.resolve("keys.yaml").toString(),
                "KMB_SIGNING_REQUIRED", "payments.#"), Kmbd.class, "--port", "0", "--data", dir.resolve("data").toString());
        url = kmbd.awaitListening();
    }

    /** Runs keys gen and returns the registry entry it prints, as an operator pastes it under {@code keys:}. */
    private String registryEntry(String keyId, String client, String format) {
        TestKmbd.Result generated = TestKmbd.run(Map.of(), "", "keys", "gen", keyId, "--client", client,
                "--format", format, "--out", dir.toString());
        assertThat(generated.code()).as(generated.err()).isZero();
        return generated.out().substring(generated.out().indexOf("  " + keyId + ":"));
    }

    @AfterEach
    void stopKmbd() throws InterruptedException {
        kmbd.close();
    }

    @Test
    void aSignedPublishIsAcceptedAndItsSubscriberSeesTheBrokersValidVerdict() throws Exception {
        Child publish = Child.start(dir, Map.of("KMB_URL", url, "KMB_CLIENT_ID", "agent-7"), Kmbctl.class,
                "publish", "payments.sent", "{\"amount\":10}", "--durable",
                "--sign", dir.resolve("agent-7-2026.key.pem").toString());
        assertThat(publish.awaitExit()).as(publish.err()).isZero();
        assertThat(publish.out()).startsWith("published ").contains("to payments.sent at offset 1");

        Child tail = Child.start(dir, Map.of("KMB_URL", url), Kmbctl.class, "tail", "payments.#", "--from", "earliest",
                "--count", "1", "--timeout", "30s", "--json");
        assertThat(tail.awaitExit()).as(tail.err()).isZero();
        JsonNode message = TestJson.read(tail.out().strip()).get("msg");
        assertThat(message.at("/metadata/headers/kmb_signature").asText()).isEqualTo("valid");
        assertThat(message.at("/metadata/signature/key_id").asText()).isEqualTo("agent-7-2026");
        assertThat(message.at("/metadata/auth/client_id").asText()).isEqualTo("agent-7");
    }

    @Test
    void unsignedForeignKeyAndAnotherClientsKeyAreRefused() {
        TestKmbd.Result unsigned = kmbctl("--client-id", "agent-7", "publish", "payments.sent", "{}");
        TestKmbd.Result intruder = kmbctl("--client-id", "agent-7", "publish", "payments.sent", "{}",
                "--sign", dir.resolve("other/intruder.key.pem").toString());
        TestKmbd.Result notAgent7 = kmbctl("publish", "payments.sent", "{}",
                "--sign", dir.resolve("agent-7-2026.key.pem").toString());
        TestKmbd.Result renamed = kmbctl("--client-id", "agent-7", "publish", "payments.sent", "{}",
                "--sign", dir.resolve("agent-7-2026.key.pem").toString(), "--key-id", "agent-7-2025");
        TestKmbd.Result elsewhere = kmbctl("publish", "chat.hello", "{}");

        assertThat(unsigned.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(unsigned.err()).startsWith("kmbctl: topic 'payments.sent' requires a valid Ed25519 signature")
                .contains("carries no signature");
        assertThat(intruder.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(intruder.err()).contains("key 'intruder' is not in the key registry");
        assertThat(notAgent7.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(notAgent7.err()).contains("key 'agent-7-2026' belongs to 'agent-7', but 'kmbctl' published");
        assertThat(renamed.code()).isEqualTo(ExitCodes.DENIED);
        assertThat(renamed.err()).contains("key 'agent-7-2025' is not in the key registry");
        assertThat(elsewhere.code()).as("topics that do not require signatures take unsigned messages").isZero();
    }

    @Test
    void aJwkPrivateKeySignsUnderItsKid() {
        TestKmbd.Result signed = kmbctl("--client-id", "agent-8", "--json", "publish", "payments.sent", "{\"n\":8}",
                "--durable", "--sign", dir.resolve("agent-8.jwk.json").toString());

        assertThat(signed.code()).as(signed.err()).isZero();
        JsonNode stored = TestJson.read(kmbctl("history", "payments.#", "--json").out().strip()).get("msg");
        assertThat(stored.at("/metadata/signature/key_id").asText()).isEqualTo("agent-8");
        assertThat(stored.at("/metadata/headers/kmb_signature").asText()).isEqualTo("valid");
    }

    private TestKmbd.Result kmbctl(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--url";
        all[1] = url;
        System.arraycopy(args, 0, all, 2, args.length);
        return TestKmbd.run(Map.of(), "", all);
    }
}
