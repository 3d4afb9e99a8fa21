package ai.kind.kmb.request;

import static ai.kind.kmb.request.CommandTest.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.request.BusSetup.Mode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Queries through the SDK, in process and over the network: each status, time-out, no responders. */
class QueryTest {
    private static final Duration PATIENT = Duration.ofSeconds(5);

    private static void serveStock(KmbClient client) {
        Map<String, Integer> stock = Map.of("bolt", 12);
        client.onQuery("stock.lookup", query -> {
            String item = query.payload().asText();
            if (item.equals("gear")) {
                throw new IllegalArgumentException("gears are counted elsewhere");
            }
            return stock.containsKey(item) ? QueryAnswer.data(Json.object().put("count", stock.get(item)))
                    : QueryAnswer.notFound();
        });
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aQueryGetsOneReplyWithDataNotFoundOrError(Mode mode) throws Exception {
        try (BusSetup setup = new BusSetup(mode)) {
            serveStock(setup.client());
            KmbClient asker = setup.client();

            QueryResult found = asker.query("stock.lookup", TextNode.valueOf("bolt"), PATIENT).get(5, TimeUnit.SECONDS);
            QueryResult missing = asker.query("stock.lookup", TextNode.valueOf("nut"), PATIENT).get(5, TimeUnit.SECONDS);
            QueryResult failed = asker.query("stock.lookup", TextNode.valueOf("gear"), PATIENT).get(5, TimeUnit.SECONDS);

            assertThat(found.status()).isEqualTo(QueryStatus.DATA);
            assertThat(found.payload().path("count").asInt()).isEqualTo(12);
            assertThat(found.message().metadata().status()).isEqualTo("data");
            assertThat(missing.status()).isEqualTo(QueryStatus.NOT_FOUND);
            assertThat(failed.status()).isEqualTo(QueryStatus.ERROR);
            assertThat(failed.reason()).isEqualTo("gears are counted elsewhere");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aQueryNobodyAnswersTimesOut(Mode mode) {
        try (BusSetup setup = new BusSetup(mode)) {
            setup.client().subscribe("stock.lookup", delivery -> { });

            assertFailsWith(setup.client().query("stock.lookup", TextNode.valueOf("bolt"), Duration.ofMillis(300)),
                    ErrorCode.TIMEOUT, "got no reply within 300 ms");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aQueryWithOnlyAnObserverFailsWithNoRespondersWithoutWaiting(Mode mode) {
        try (BusSetup setup = new BusSetup(mode)) {
            setup.client().subscribe(SubscribeOptions.ephemeral("stock.#").withObserver(true), delivery -> { });

            assertFailsWith(setup.client().query("stock.lookup", TextNode.valueOf("bolt"), Duration.ofMinutes(5)),
                    ErrorCode.NO_RESPONDERS, "no subscriber for query on 'stock.lookup'");
        }
    }
}
