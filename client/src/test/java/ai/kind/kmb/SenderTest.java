package ai.kind.kmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SenderTest {
    @Test
    void theAgentHeaderNamesTheSenderAndOtherHeadersAreKept() {
        Metadata named = Sender.named(Metadata.EMPTY.withHeaders(Map.of("tx_id", "tx-1")), "planner");

        assertThat(Sender.of(named)).contains("planner");
        assertThat(named.headers()).containsEntry("tx_id", "tx-1").containsEntry(Sender.HEADER, "planner");
    }

    @Test
    void theBrokerVerifiedClientIdWinsOverTheHeader() {
        Metadata claimed = Sender.named(Metadata.EMPTY, "claims-to-be-admin")
                .withAuth(new Metadata.Auth("kOS", "agent-7"));

        assertThat(Sender.of(claimed)).contains("agent-7");
        assertThat(Sender.of(Sender.named(Metadata.EMPTY, "planner").withAuth(new Metadata.Auth("kOS", " "))))
                .as("a blank verified id names nobody, so the header still counts").contains("planner");
    }

    @Test
    void aMessageWithNeitherNamesNoSender() {
        assertThat(Sender.of(Envelope.of("a.b", MessageType.EVENT, Json.object(), Metadata.EMPTY))).isEmpty();
        assertThat(Sender.of(Metadata.EMPTY.withHeaders(Map.of(Sender.HEADER, "")))).isEmpty();
        assertThatThrownBy(() -> Sender.named(Metadata.EMPTY, " ")).isInstanceOf(KmbException.class);
    }
}
