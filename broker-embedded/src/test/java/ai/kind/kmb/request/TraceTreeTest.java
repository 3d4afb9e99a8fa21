package ai.kind.kmb.request;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.request.BusSetup.Mode;
import ai.kind.kmb.trace.TraceTree;
import ai.kind.kmb.trace.TraceTree.TraceSpan;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A trace across three hops with no tracing code in the agents: a planner commands a robot, whose
 * handler queries a map service; every message, replies included, lands in one tree.
 */
class TraceTreeTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCommandAQueryInsideItsHandlerAndTheRepliesFormOneTree(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode, BrokerOptions.defaults().withDurableByDefault(true))) {
            setup.client().onQuery("map.route", query -> QueryAnswer.data(TextNode.valueOf("via dock 4")));
            KmbClient robot = setup.client();
            robot.onCommand("robot.fetch", command -> {
                command.ack();
                QueryResult route = robot.query("map.route", command.payload(), Duration.ofSeconds(5)).join();
                command.done(Json.object().put("route", route.payload().asText()));
            });

            CommandHandle fetch = setup.client().command(Envelope.of("robot.fetch", MessageType.COMMAND,
                    TextNode.valueOf("crate 7"), null), CommandOptions.DEFAULT);
            CommandReply done = fetch.completion().get(10, TimeUnit.SECONDS);
            String traceId = done.message().metadata().traceId();
            TraceTree tree = setup.history().trace(traceId);

            assertThat(traceId).matches("[0-9a-f]{32}");
            assertThat(tree.roots()).hasSize(1);
            TraceSpan command = tree.roots().getFirst();
            assertThat(command.message().envelope().topic()).isEqualTo("robot.fetch");
            assertThat(command.parentId()).isNull();
            assertThat(tree.childrenOf(command.spanId())).extracting(span -> span.message().envelope().type()
                    + ":" + span.message().envelope().metadata().status())
                    .containsExactlyInAnyOrder("REPLY:ACK", "QUERY:null", "REPLY:DONE");
            TraceSpan query = tree.childrenOf(command.spanId()).stream()
                    .filter(span -> span.message().envelope().type() == MessageType.QUERY).findFirst().orElseThrow();
            assertThat(tree.childrenOf(query.spanId())).singleElement()
                    .satisfies(reply -> assertThat(reply.message().envelope().metadata().status()).isEqualTo("data"))
                    .satisfies(reply -> assertThat(reply.depth()).isEqualTo(2));
            assertThat(tree.spans()).hasSize(5);
        }
    }
}
