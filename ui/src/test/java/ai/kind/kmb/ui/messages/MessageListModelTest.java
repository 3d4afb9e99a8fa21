package ai.kind.kmb.ui.messages;

import static ai.kind.kmb.ui.testing.Messages.display;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.feed.DisplayMessage;
import ai.kind.kmb.ui.testing.Messages;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageListModelTest {
    private final MessageListModel list = new MessageListModel(5);

    @Test
    void keepsTheNewestRowsUpToItsCapacity() {
        list.append(rows(1, 4, "a"));
        list.append(rows(5, 7, "a"));

        assertThat(list.visible()).extracting(DisplayMessage::sequence).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(list.sizeProperty().get()).isEqualTo(5);

        list.append(rows(10, 20, "a"));
        assertThat(list.visible()).extracting(DisplayMessage::sequence).containsExactly(16L, 17L, 18L, 19L, 20L);
    }

    @Test
    void showsOnlyTopicsTheFilterLetsThrough() {
        list.append(List.of(display(Messages.event("a.x", 1), 1), display(Messages.event("b.y", 2), 2)));

        list.topicFilterProperty().set(topic -> topic.startsWith("b."));

        assertThat(list.visible()).extracting(DisplayMessage::topic).containsExactly("b.y");
        assertThat(list.sizeProperty().get()).isEqualTo(2);
    }

    @Test
    void findsThePreviousMessageOnTheSameTopic() {
        List<DisplayMessage> rows = List.of(display(Messages.event("a", 1), 1), display(Messages.event("b", 2), 2),
                display(Messages.event("a", 3), 3));
        list.append(rows);

        assertThat(list.previousOnTopic(rows.get(2))).hasValue(rows.get(0));
        assertThat(list.previousOnTopic(rows.get(1))).isEmpty();
    }

    @Test
    void clearEmptiesTheListAndTheSelection() {
        List<DisplayMessage> rows = rows(1, 3, "a");
        list.append(rows);
        list.selectedProperty().set(rows.getFirst());

        list.clear();

        assertThat(list.visible()).isEmpty();
        assertThat(list.selectedProperty().get()).isNull();
    }

    private static List<DisplayMessage> rows(int from, int to, String topic) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> display(Messages.event(topic, n), n)).toList();
    }
}
