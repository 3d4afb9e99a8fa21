package ai.kind.kmb.ui.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.registry.Incompatibility;
import ai.kind.kmb.registry.RegistryProblem;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.InMemoryBus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryModelTest {
    private final InMemoryBus bus = new InMemoryBus();
    private final RegistryModel model = new RegistryModel(CurrentConnection.of(bus), UiExecutors.direct());

    private static ObjectNode schema(String type) {
        return Json.object().put("type", type);
    }

    @BeforeEach
    void describe() {
        bus.registryFake().describe("orders.created", schema("object"), schema("object").put("title", "v2"))
                .describe("orders.paid", schema("string"))
                .problem(new RegistryProblem("broken.yaml", 4, "unknown key 'verions'"));
        model.refresh();
    }

    @Test
    void listsTopicsAndProblemsAndShowsTheLatestVersionOfTheFirstTopic() {
        assertThat(model.topics()).extracting(topic -> topic.name()).containsExactly("orders.created", "orders.paid");
        assertThat(model.problems()).containsExactly("broken.yaml:4: unknown key 'verions'");
        assertThat(model.versions()).containsExactly("v1", "v2");
        assertThat(model.versionProperty().get()).isEqualTo("v2");
        assertThat(model.schemaProperty().get()).contains("\"title\" : \"v2\"");
        assertThat(model.proposalProperty().get()).isEqualTo(model.schemaProperty().get());
        assertThat(model.detailsProperty().get()).contains("about orders.created", "BACKWARD", "owner team");
    }

    @Test
    void pickingAnotherVersionShowsItsSchemaBesideTheProposal() {
        model.versionProperty().set("v1");

        assertThat(model.schemaProperty().get()).doesNotContain("title");
        assertThat(model.proposalProperty().get()).contains("title");
    }

    @Test
    void checkingAProposalShowsTheVerdictAndEveryIncompatibility() {
        bus.registryFake().incompatibilities(new Incompatibility("v2", "/type", "TYPE_CHANGED", "object became string"));
        model.proposalProperty().set("{\"type\":\"string\"}");

        model.check();

        assertThat(model.verdictProperty().get()).isEqualTo("v3 is not BACKWARD compatible: 1 incompatibility");
        assertThat(model.incompatibilities()).extracting(Incompatibility::change).containsExactly("TYPE_CHANGED");
    }

    @Test
    void registeringACompatibleProposalAddsTheVersionAndKeepsTheTopicSelected() {
        model.register();

        assertThat(model.verdictProperty().get()).isEqualTo("Registered orders.created v3 (BACKWARD compatible)");
        assertThat(model.selectedProperty().get().name()).isEqualTo("orders.created");
        assertThat(model.versions()).containsExactly("v1", "v2", "v3");
    }

    @Test
    void aProposalThatIsNotJsonIsSaidAndNotSent() {
        model.proposalProperty().set("{nope");

        model.check();

        assertThat(model.errorProperty().get()).startsWith("The proposed schema is not valid JSON");
        assertThat(model.verdictProperty().get()).isEmpty();
    }
}
