package ai.kind.kmb.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.ui.testing.Messages;
import org.junit.jupiter.api.Test;

class KmbctlCommandTest {

    @Test
    void publishesTheSamePayloadWithItsType() {
        String command = KmbctlCommand.publish(Messages.command("kmb.agent.command.fetch", "id-1",
                Json.object().put("url", "https://example.org")));

        assertThat(command).isEqualTo(
                "kmbctl publish kmb.agent.command.fetch '{\"url\":\"https://example.org\"}' --type command");
    }

    @Test
    void singleQuotesInsideThePayloadSurviveTheShell() {
        String command = KmbctlCommand.publish(Messages.event("notes", "id-1", Json.object().put("text", "it's")));

        assertThat(command).contains("'{\"text\":\"it'\\''s\"}'");
    }
}
