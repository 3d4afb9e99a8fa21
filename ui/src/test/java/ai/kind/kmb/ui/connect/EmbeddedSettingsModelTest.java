package ai.kind.kmb.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.connect.EmbeddedBrokerSettings.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker's settings form, without a stage. */
class EmbeddedSettingsModelTest {
    private static final String REGISTRY = "keys:\n  agent-7-2026:\n    client_id: agent-7\n"
            + "    public_key: 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\n";

    @TempDir
    Path dir;

    private final List<EmbeddedBrokerSettings> saved = new ArrayList<>();

    private EmbeddedSettingsModel model(EmbeddedBrokerSettings start, EmbeddedRun run) {
        return new EmbeddedSettingsModel(start, saved::add, run);
    }

    private EmbeddedSettingsModel model() {
        return model(EmbeddedBrokerSettings.DEFAULTS, EmbeddedRun.asSaved(EmbeddedBrokerSettings.DEFAULTS));
    }

    @Test
    void startsFromTheSavedSettingsWithTheUrlAndBusNameOffForTheEmbeddedStore() {
        EmbeddedSettingsModel model = model();

        assertThat(model.backendProperty().get()).isEqualTo(Backend.SQLITE);
        assertThat(model.sharedBinding().get()).isFalse();
        assertThat(model.busNameProperty().get()).isEqualTo("kmb");

        model.backendProperty().set(Backend.POSTGRES);

        assertThat(model.sharedBinding().get()).isTrue();
        assertThat(model.urlPromptBinding().get()).startsWith("jdbc:postgresql://");
    }

    @Test
    void aMalformedUrlIsRefusedWithItsReasonAndNothingIsSaved() {
        EmbeddedSettingsModel model = model();
        model.backendProperty().set(Backend.REDIS);

        model.urlProperty().set("redis//127.0.0.1:6379");
        assertThat(model.save()).isFalse();
        assertThat(model.errorProperty().get()).isEqualTo("The Redis URL must look like redis://host:6379/0 "
                + "(redis or rediss); got 'redis//127.0.0.1:6379'.");

        model.urlProperty().set("redis://host with spaces:6379");
        assertThat(model.save()).isFalse();
        assertThat(model.errorProperty().get()).startsWith("The Redis URL is not a URL (Illegal character in authority");

        model.urlProperty().set("");
        assertThat(model.save()).isFalse();
        assertThat(model.errorProperty().get()).isEqualTo("Redis needs a URL such as redis://127.0.0.1:6379/0.");

        model.backendProperty().set(Backend.POSTGRES);
        model.urlProperty().set("postgresql://db:5432/kmb?user=kmb&password=secret");
        assertThat(model.save()).isFalse();
        assertThat(model.errorProperty().get()).isEqualTo("The PostgreSQL URL must be a JDBC URL starting with "
                + "jdbc:postgresql://; got 'postgresql://db:5432/kmb?user=kmb&password=***'.");

        assertThat(saved).isEmpty();
        assertThat(model.messageProperty().get()).isEmpty();
    }

    @Test
    void aBusNameThatCannotBeASchemaOrAKeyRegistryThatWillNotLoadIsRefused() throws Exception {
        EmbeddedSettingsModel model = model();
        model.backendProperty().set(Backend.POSTGRES);
        model.urlProperty().set("jdbc:postgresql://127.0.0.1:5432/test");
        model.busNameProperty().set("Team-A");
        assertThat(model.save()).isFalse();
        assertThat(model.errorProperty().get()).startsWith("The bus name must be 1 to 48 of a-z, 0-9 and _")
                .endsWith("got 'Team-A'.");

        model.busNameProperty().set("team_a");
        model.keyRegistryProperty().set(dir.resolve("missing.yaml").toString());
        assertThat(model.save()).isFalse();
        assertThat(model.errorProperty().get()).isEqualTo("The key registry " + dir.resolve("missing.yaml")
                + " is not a file.");

        Path noKeys = Files.writeString(dir.resolve("empty.yaml"), "owners: []\n");
        model.keyRegistryProperty().set(noKeys.toString());
        assertThat(model.save()).isFalse();
        assertThat(model.errorProperty().get()).isEqualTo("The key registry cannot be used: key registry " + noKeys
                + " needs a 'keys' mapping of key id to client_id and public_key");
        assertThat(saved).isEmpty();
    }

    @Test
    void validSettingsAreSavedForTheNextStartAndRevertPutsTheSavedOnesBack() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys.yaml"), REGISTRY);
        EmbeddedSettingsModel model = model();
        model.backendProperty().set(Backend.REDIS);
        model.urlProperty().set(" redis://127.0.0.1:6379/0 ");
        model.busNameProperty().set("team");
        model.keyRegistryProperty().set(keys.toString());

        assertThat(model.save()).isTrue();

        assertThat(saved).containsExactly(new EmbeddedBrokerSettings(Backend.REDIS, "redis://127.0.0.1:6379/0", "team",
                keys.toString()));
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("Saved. KMB Studio starts its embedded broker with these "
                + "settings next time.");

        model.backendProperty().set(Backend.SQLITE);
        model.keyRegistryProperty().set("");
        model.revert();

        assertThat(model.backendProperty().get()).isEqualTo(Backend.REDIS);
        assertThat(model.keyRegistryProperty().get()).isEqualTo(keys.toString());
    }

    @Test
    void saysWhatThisRunUsesAndWhichFlagsChoseItWithoutPasswords() {
        EmbeddedRun run = new EmbeddedRun(new EmbeddedBrokerSettings(Backend.REDIS, "redis://:s3cret@cache:6379/0",
                "team", null), List.of("--backend", "--redis-url"), List.of());

        EmbeddedSettingsModel model = model(EmbeddedBrokerSettings.DEFAULTS, run);

        assertThat(model.inUseProperty().get()).isEqualTo("This run: Redis at redis://:***@cache:6379/0, bus 'team'; "
                + "no key registry (signatures are not checked) (--backend, --redis-url on the command line).");
        assertThat(model.fallbacksProperty().get()).isEmpty();
    }

    @Test
    void savedSettingsThisRunCouldNotUseAreSaidWithTheirReason() {
        EmbeddedRun run = new EmbeddedRun(EmbeddedBrokerSettings.DEFAULTS, List.of(),
                List.of("The saved backend could not start: refused", "The saved key registry cannot be used: gone"));

        EmbeddedSettingsModel model = model(EmbeddedBrokerSettings.DEFAULTS, run);

        assertThat(model.fallbacksProperty().get()).isEqualTo("The saved backend could not start: refused\n"
                + "The saved key registry cannot be used: gone");
    }
}
