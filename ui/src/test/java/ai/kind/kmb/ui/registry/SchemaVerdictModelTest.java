package ai.kind.kmb.ui.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import ai.kind.kmb.ui.feed.DisplayMessage;
import ai.kind.kmb.ui.messages.MessageListModel;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.InMemoryBus;
import ai.kind.kmb.ui.testing.Messages;
import org.junit.jupiter.api.Test;

class SchemaVerdictModelTest {
    private final InMemoryBus bus = new InMemoryBus();
    private final MessageListModel messages = new MessageListModel(100);
    private final SchemaVerdictModel model = new SchemaVerdictModel(messages, CurrentConnection.of(bus),
            UiExecutors.direct());

    private int sequence;

    private DisplayMessage on(String topic) {
        return Messages.display(Messages.event(topic, 1), ++sequence);
    }

    @Test
    void aValidMessageShowsItsVersionAndAnInvalidOneEveryViolation() {
        bus.registryFake().describe("orders.created", Json.object())
                .describe("orders.paid", Json.object())
                .violations("orders.paid", new ErrorDetail("/n", "must be a string"), new ErrorDetail("", "total missing"));

        messages.selectedProperty().set(on("orders.created"));
        assertThat(model.stateProperty().get()).isEqualTo(SchemaVerdictModel.State.VALID);
        assertThat(model.textProperty().get()).isEqualTo("Schema v1 ✓");

        messages.selectedProperty().set(on("orders.paid"));
        assertThat(model.stateProperty().get()).isEqualTo(SchemaVerdictModel.State.INVALID);
        assertThat(model.textProperty().get()).isEqualTo("Schema v1: 2 violations");
        assertThat(model.detailsProperty().get()).isEqualTo("/n: must be a string\n/: total missing");
    }

    @Test
    void anUndescribedTopicAndNoSelectionAreSaidPlainly() {
        messages.selectedProperty().set(on("orders.created"));
        assertThat(model.stateProperty().get()).isEqualTo(SchemaVerdictModel.State.UNDESCRIBED);
        assertThat(model.textProperty().get()).isEqualTo("No schema");

        messages.selectedProperty().set(null);
        assertThat(model.textProperty().get()).isEmpty();
    }
}
