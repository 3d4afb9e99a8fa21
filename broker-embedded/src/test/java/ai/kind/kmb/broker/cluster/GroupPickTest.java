package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pick of the node that delivers a message to a queue group, with no server. */
class GroupPickTest {
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    private static final List<String> IDS = IntStream.range(0, 9000).mapToObj(n -> UUID.randomUUID().toString())
            .toList();

    /** The node that wins {@code id} among {@code nodes}, asking each in turn as each node would. */
    private static String winner(String id, List<String> nodes) {
        List<String> winners = nodes.stream()
                .filter(node -> GroupPick.wins(id, node, nodes, rival -> !rival.equals(node))).toList();
        assertThat(winners).as("exactly one node delivers message %s", id).hasSize(1);
        return winners.getFirst();
    }

    @Test
    void everyNodeNamesTheSameOneWinnerWhateverOrderItListsTheOthersIn() {
        for (String id : IDS.subList(0, 500)) {
            String winner = winner(id, NODES);
            assertThat(winner(id, NODES.reversed())).isEqualTo(winner);
        }
    }

    @Test
    void messagesSpreadEvenlyAcrossTheNodes() {
        Map<String, Long> shares = IDS.stream().collect(Collectors.groupingBy(id -> winner(id, NODES),
                Collectors.counting()));

        assertThat(shares).containsOnlyKeys(NODES);
        assertThat(shares.values()).allSatisfy(share -> assertThat(share).isBetween(2700L, 3300L));
    }

    @Test
    void aNodeLeavingMovesOnlyTheMessagesItWon() {
        Map<String, String> before = IDS.stream().collect(Collectors.toMap(Function.identity(),
                id -> winner(id, NODES)));
        List<String> rest = List.of("node-a", "node-b");

        assertThat(IDS).allSatisfy(id -> {
            if (!before.get(id).equals("node-c")) {
                assertThat(winner(id, rest)).isEqualTo(before.get(id));
            }
        });
    }

    @Test
    void aNodeAloneWinsEverything() {
        assertThat(IDS.subList(0, 100)).allSatisfy(id -> assertThat(GroupPick.wins(id, "node-a", List.of(),
                rival -> true)).isTrue());
        assertThat(IDS.subList(0, 100)).as("rivals that do not count are no rivals")
                .allSatisfy(id -> assertThat(GroupPick.wins(id, "node-a", NODES.subList(1, 3),
                        rival -> false)).isTrue());
    }
}
