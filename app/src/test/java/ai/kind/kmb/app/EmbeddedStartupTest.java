package ai.kind.kmb.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.remote.RemoteBus;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.signing.MessageSigner;
import ai.kind.kmb.ui.connect.EmbeddedBrokerSettings;
import ai.kind.kmb.ui.connect.EmbeddedBrokerSettings.Backend;
import ai.kind.kmb.ui.shell.SettingsStore;
import ai.kind.kmb.ui.shell.StudioSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker at start: the saved settings, the command line over them, and saved settings that fail. */
class EmbeddedStartupTest {
    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());

    @TempDir
    Path dir;

    @Test
    void theKeyRegistrySavedInTheSettingsChecksSignaturesAtTheNextStart() throws Exception {
        Path keys = registry("saved-keys.yaml");
        SettingsStore store = new SettingsStore(dir.resolve("config"));
        store.save(StudioSettings.DEFAULTS.withEmbedded(new EmbeddedBrokerSettings(Backend.SQLITE, null, null,
                keys.toString())));

        EmbeddedStartup.Started started = start(EmbeddedFlags.NONE, store.load().embedded());
        try (EmbeddedBroker broker = started.broker()) {
            assertThat(verdictOfASignedPublish(broker)).isEqualTo("valid");
            assertThat(started.run().settings().keyRegistry()).isEqualTo(keys.toString());
            assertThat(started.run().overridingFlags()).isEmpty();
            assertThat(started.notice()).isNull();
        }
    }

    @Test
    void aCommandLineFlagOverridesTheSavedSettingForThisRun() throws Exception {
        Path saved = Files.writeString(dir.resolve("other-keys.yaml"), "keys: {}\n");
        Path flagged = registry("flag-keys.yaml");
        EmbeddedFlags flags = new EmbeddedFlags(EmbeddedBackend.sqlite(), null, null, null, flagged);

        EmbeddedStartup.Started started = start(flags, new EmbeddedBrokerSettings(Backend.REDIS,
                "redis://127.0.0.1:1/0", "team", saved.toString()));
        try (EmbeddedBroker broker = started.broker()) {
            assertThat(verdictOfASignedPublish(broker)).isEqualTo("valid");
            assertThat(started.run().settings().backend()).isEqualTo(Backend.SQLITE);
            assertThat(started.run().overridingFlags()).containsExactly("--key-registry", "--backend");
            assertThat(started.run().describe()).endsWith("(--key-registry, --backend on the command line).");
        }
    }

    @Test
    void aSavedBackendThatCannotStartFallsBackToTheEmbeddedStoreAndSaysSo() throws Exception {
        Path gone = dir.resolve("deleted-keys.yaml");
        EmbeddedBrokerSettings saved = new EmbeddedBrokerSettings(Backend.REDIS, "redis://127.0.0.1:1/0", "team",
                gone.toString());

        EmbeddedStartup.Started started = start(EmbeddedFlags.NONE, saved);
        try (EmbeddedBroker broker = started.broker()) {
            assertThat(started.run().settings().backend()).isEqualTo(Backend.SQLITE);
            assertThat(started.run().settings().keyRegistry()).isNull();
            assertThat(started.run().fallbacks()).hasSize(2);
            assertThat(started.run().fallbacks().getFirst()).startsWith("The saved backend, Redis at "
                    + "redis://127.0.0.1:1/0, bus 'team', could not start, so this run uses the embedded store: ");
            assertThat(started.run().fallbacks().getLast()).startsWith("The saved key registry cannot be used, so "
                    + "signatures are not checked this run: key registry " + gone);
            assertThat(started.notice()).isEqualTo("saved embedded broker settings not used this run (Connect says why)");
            assertThat(verdictOfASignedPublish(broker)).isEqualTo("not_checked");
        }
    }

    private EmbeddedStartup.Started start(EmbeddedFlags flags, EmbeddedBrokerSettings saved) {
        return EmbeddedStartup.start(flags, saved, dir.resolve("data"), 0, Optional.empty());
    }

    /** A key registry naming this test's key as agent-7's. */
    private Path registry(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "keys:\n  agent-7-key:\n    client_id: agent-7\n    public_key: "
                + Base64.getUrlEncoder().withoutPadding().encodeToString(key.generatePublicKey().getEncoded()) + "\n");
    }

    /** What the broker stamps on a message agent-7 signs and publishes over the network, as an agent would. */
    private String verdictOfASignedPublish(EmbeddedBroker broker) throws Exception {
        MessageSigner signer = new MessageSigner("agent-7-key", key, Clock.systemUTC());
        try (RemoteBus agent = RemoteBus.connect(RemoteBusOptions.defaults(URI.create(broker.url()))
                .withClientId("agent-7"))) {
            PublishAck ack = agent.publish(signer.sign(Envelope.event("agent.note", Json.object().put("n", 1))),
                    PublishOptions.DURABLE).get(10, TimeUnit.SECONDS);
            return broker.broker().store().readAfter(ack.offset() - 1, 1).getFirst().envelope().metadata().headers()
                    .get("kmb_signature");
        }
    }
}
