package ai.kind.kmb.broker.store;

import static ai.kind.kmb.broker.store.StoreFixtures.T0;
import static ai.kind.kmb.broker.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.TopicFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** History queries: topic filters, time ranges, trace ids, and paging with after and limit. */
public abstract class HistoryQueryConformance extends MessageLogConformance {
    /**
     * Topics chosen to trip an engine that narrows by prefix in SQL: a neighbour that shares the
     * prefix without its dot, a different case, '_' (a LIKE wildcard), and a system topic.
     */
    private static final String[] TOPICS = {"agent.health", "agent.health.heartbeat", "agent.intent.created",
            "agent.health.heartbeat.extra", "agentx.health", "Agent.health", "tool.run", "_kmb.dlq.agent",
            "a_b.c", "axb.c"};

    private static List<StoredMessage> query(MessageStore store, String filter) {
        return store.query(new HistoryQuery(TopicFilter.parse(filter), null, null, null, 0, 100));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "agent.#           | agent.health,agent.health.heartbeat,agent.intent.created,agent.health.heartbeat.extra",
            "agent.*           | agent.health",
            "agent.*.heartbeat | agent.health.heartbeat",
            "agent.health.#    | agent.health,agent.health.heartbeat,agent.health.heartbeat.extra",
            "#.heartbeat       | agent.health.heartbeat",
            "*.*.*             | agent.intent.created,agent.health.heartbeat",
            "tool.run          | tool.run",
            "Agent.#           | Agent.health",
            "_kmb.#            | _kmb.dlq.agent",
            "a_b.#             | a_b.c",
            "*.c               | a_b.c,axb.c",
            "no.such.topic     | ''"})
    void queriesByTopicFilter(String filter, String expected) {
        appendTopics(TOPICS);
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));

        assertThat(topics(query(store, filter))).containsExactlyInAnyOrderElementsOf(want);
        assertThat(offsets(query(store, filter))).isSorted();
    }

    @Test
    void hashAloneMatchesEverythingButSystemTopics() {
        appendTopics(TOPICS);

        assertThat(topics(query(store, "#"))).containsExactly("agent.health", "agent.health.heartbeat",
                "agent.intent.created", "agent.health.heartbeat.extra", "agentx.health", "Agent.health", "tool.run",
                "a_b.c", "axb.c");
    }

    @Test
    void queriesByTimeRangeFromInclusiveToExclusive() {
        List<StoredMessage> stored = appendTopics("t.0", "t.1", "t.2", "t.3", "t.4", "t.5", "t.6", "t.7");

        assertThat(store.query(new HistoryQuery(null, T0.plusSeconds(3), T0.plusSeconds(6), null, 0, 100)))
                .containsExactlyElementsOf(stored.subList(3, 6));
        assertThat(store.query(new HistoryQuery(null, T0.plusSeconds(6), null, null, 0, 100)))
                .containsExactlyElementsOf(stored.subList(6, 8));
        assertThat(store.query(new HistoryQuery(null, null, T0.plusSeconds(2), null, 0, 100)))
                .containsExactlyElementsOf(stored.subList(0, 2));
    }

    @Test
    void timeBoundsFinerThanAMicrosecondCompareExactly() {
        List<StoredMessage> stored = appendTopics("t.0", "t.1", "t.2");
        Instant second = T0.plusSeconds(1);

        assertThat(store.query(new HistoryQuery(null, second.minusNanos(1), null, null, 0, 100)))
                .containsExactlyElementsOf(stored.subList(1, 3));
        assertThat(store.query(new HistoryQuery(null, second.plusNanos(1), null, null, 0, 100)))
                .containsExactlyElementsOf(stored.subList(2, 3));
        assertThat(store.query(new HistoryQuery(null, null, second.plusNanos(1), null, 0, 100)))
                .containsExactlyElementsOf(stored.subList(0, 2));
        assertThat(store.query(new HistoryQuery(null, null, second.minusNanos(1), null, 0, 100)))
                .containsExactlyElementsOf(stored.subList(0, 1));
    }

    @Test
    void queriesByTraceId() {
        List<StoredMessage> stored = new ArrayList<>();
        String[] traces = {"trace-a", "trace-b", null, "trace-a", "trace-a", "trace-b"};
        for (String trace : traces) {
            stored.add(append(message("trace.step", java.util.UUID.randomUUID().toString(), trace), T0));
        }

        assertThat(store.query(new HistoryQuery(null, null, null, "trace-a", 0, 100)))
                .containsExactly(stored.get(0), stored.get(3), stored.get(4));
        assertThat(store.query(new HistoryQuery(null, null, null, "trace-b", 0, 100)))
                .containsExactly(stored.get(1), stored.get(5));
        assertThat(store.query(new HistoryQuery(null, null, null, "trace-z", 0, 100))).isEmpty();
    }

    @Test
    void pagesWithAfterAndLimit() {
        List<StoredMessage> wanted = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            StoredMessage stored = append(message(i % 2 == 0 ? "orders.created" : "billing.created"), T0);
            if (i % 2 == 0) {
                wanted.add(stored);
            }
        }
        HistoryQuery query = new HistoryQuery(TopicFilter.parse("orders.*"), null, null, null, 0, 4);
        List<Integer> pageSizes = new ArrayList<>();
        List<StoredMessage> seen = new ArrayList<>();
        for (List<StoredMessage> page = store.query(query); !page.isEmpty();
             page = store.query(query.after(page.getLast().offset()))) {
            pageSizes.add(page.size());
            seen.addAll(page);
        }

        assertThat(pageSizes).containsExactly(4, 4, 4, 3);
        assertThat(seen).containsExactlyElementsOf(wanted);
    }

    @Test
    void findsSparseMatchesFarApart() {
        // More non-matching rows between matches than an engine fetches per round trip.
        List<CompletableFuture<StoredMessage>> rare = new ArrayList<>();
        List<CompletableFuture<StoredMessage>> all = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            // Not waiting for each append lets a durable engine commit them together.
            CompletableFuture<StoredMessage> stored = store.append(message(i % 500 == 0 ? "rare.event"
                    : "common.event"), T0);
            all.add(stored);
            if (i % 500 == 0) {
                rare.add(stored);
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        List<StoredMessage> wanted = rare.stream().map(CompletableFuture::join).toList();

        assertThat(store.query(new HistoryQuery(TopicFilter.parse("rare.#"), null, null, null, 0, 10)))
                .containsExactlyElementsOf(wanted);
        assertThat(store.query(new HistoryQuery(TopicFilter.parse("#.event"), null, null, null, 0, 10)))
                .hasSize(10);
    }

    @Test
    void combinesEveryCriterion() {
        List<StoredMessage> stored = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String topic = i % 3 == 0 ? "agent.a.done" : "agent.b.started";
            stored.add(append(message(topic, "c-" + i, i % 2 == 0 ? "t-even" : "t-odd"), T0.plusSeconds(i)));
        }
        HistoryQuery query = new HistoryQuery(TopicFilter.parse("agent.*.done"), T0.plusSeconds(1),
                T0.plusSeconds(11), "t-even", stored.get(0).offset(), 100);

        assertThat(store.query(query)).containsExactly(stored.get(6));
        assertThat(store.query(query.after(0))).containsExactly(stored.get(6));
        assertThat(store.query(new HistoryQuery(TopicFilter.parse("agent.*.done"), null, null, "t-even", 0, 100)))
                .containsExactly(stored.get(0), stored.get(6));
    }
}
