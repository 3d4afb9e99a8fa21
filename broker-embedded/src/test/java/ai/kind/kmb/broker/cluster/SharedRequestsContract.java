package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbClient;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.broker.Messages;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.request.CommandHandle;
import ai.kind.kmb.request.CommandOptions;
import ai.kind.kmb.request.CommandReply;
import ai.kind.kmb.request.CommandStatus;
import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests and idempotent publish across two nodes of one shared store: a request finds its
 * responder on whichever node it is, one that nobody anywhere would answer fails at once with
 * {@code no_responders}, and an id is stored once however the nodes race for it. Holds what
 * {@link SharedGroupsContract} and {@link SharedBusContract} build on: the nodes, and the store and
 * link a subclass opens.
 */
abstract class SharedRequestsContract {
    /** Longer than any test runs: a request that fails in time was not left to wait it out. */
    private static final CommandOptions PATIENT = CommandOptions.DEFAULT.withAckTimeout(Duration.ofMinutes(5));
    private static final CommandOptions SHORT = CommandOptions.DEFAULT.withAckTimeout(Duration.ofMillis(300));

    protected final TestNodes nodes = new TestNodes();

    protected abstract MessageStore openStore();

    protected abstract NodeLink link(MessageStore store, String nodeId);

    /**
     * Lists responder filters and a report of durables for a node that has no link, as a node that
     * then dies would have.
     */
    protected abstract void listGhost(MessageStore store, String nodeId, Set<String> filters, DurablesReport report,
                                      Duration ttl) throws Exception;

    protected TestNodes.Node node() {
        return nodes.start(openStore(), this::link);
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    @Test
    void aCommandSentThroughOneNodeIsAnsweredByAResponderOnTheOther() throws Exception {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        nodes.sdk(a).onCommand("robot.move", command -> {
            command.ack();
            command.done(Json.object().put("moved", command.payload().asInt()));
        });

        CommandReply done = nodes.sdk(b).command(command("robot.move", 3), PATIENT).completion()
                .get(10, TimeUnit.SECONDS);

        assertThat(done.status()).isEqualTo(CommandStatus.DONE);
        assertThat(done.payload().path("moved").asInt()).isEqualTo(3);
    }

    @Test
    void aRequestNobodyAnswersFailsWithNoRespondersAtOnceOnEveryNode() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        nodes.sdk(a).onCommand("robot.move", command -> command.done(null));

        for (TestNodes.Node node : List.of(a, b)) {
            KmbClient sender = nodes.sdk(node);
            assertFailsWith(sender.command(command("arm.lift", 1), PATIENT).completion(), ErrorCode.NO_RESPONDERS,
                    "no subscriber for command on 'arm.lift'");
            assertFailsWith(sender.query("stock.lookup", IntNode.valueOf(1), Duration.ofMinutes(5)),
                    ErrorCode.NO_RESPONDERS, "no subscriber for query on 'stock.lookup'");
        }
    }

    @Test
    void whenTheOnlyResponderLeavesTheOtherNodeAnswersNoResponders() throws Exception {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        Subscription responder = nodes.sdk(a).onCommand("robot.#", command -> command.done(null));
        KmbClient sender = nodes.sdk(b);
        assertThat(sender.command(command("robot.move", 1), PATIENT).completion().get(10, TimeUnit.SECONDS).status())
                .isEqualTo(CommandStatus.DONE);

        responder.close();

        long started = System.nanoTime();
        awaitNoResponders(sender, "robot.move", ResponderDirectory.HEARTBEAT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("within the refresh bound")
                .isLessThan(ResponderDirectory.HEARTBEAT);
    }

    @Test
    void anObserverOnAnotherNodeIsNoResponderButADurableSubscriberIs() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        nodes.client(a).subscribe(SubscribeOptions.ephemeral("#").withObserver(true), delivery -> { });
        KmbClient sender = nodes.sdk(b);

        assertFailsWith(sender.command(command("robot.move", 1), PATIENT).completion(), ErrorCode.NO_RESPONDERS,
                "robot.move");

        nodes.client(a).subscribe(SubscribeOptions.durable("movers", "robot.#"), delivery -> { });
        assertFailsWith(sender.command(command("robot.move", 2), SHORT).completion(), ErrorCode.TIMEOUT,
                "got no ACK");
    }

    @Test
    void aNodeThatStopsBeatingStopsCountingWhenItsHeartbeatRunsOut() throws Exception {
        TestNodes.Node a = node();
        KmbClient sender = nodes.sdk(a);
        Duration ttl = Duration.ofSeconds(2);

        String ghost = "ghost-" + UUID.randomUUID();
        listGhost(a.broker().store(), ghost, Set.of("ghost.#"), new DurablesReport(ghost, Instant.now(), Map.of()), ttl);
        long listed = System.nanoTime();

        assertFailsWith(sender.command(command("ghost.move", 1), SHORT).completion(), ErrorCode.TIMEOUT,
                "got no ACK");
        awaitNoResponders(sender, "ghost.move", ttl.plusSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - listed)).isGreaterThanOrEqualTo(ttl.minusMillis(50));
    }

    @Test
    void aRepeatedIdIsStoredOnceWhicheverNodeItReaches() {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        String id = UUID.randomUUID().toString();

        PublishAck first = nodes.client(a).publish(Messages.event("pay.once", 1).withId(id), PublishOptions.DURABLE)
                .join();
        PublishAck again = nodes.client(b).publish(Messages.event("pay.once", 1).withId(id), PublishOptions.DURABLE)
                .join();

        assertThat(again.duplicate()).isTrue();
        assertThat(again.offset()).isEqualTo(first.offset());
        assertThat(b.broker().store().lastOffset()).isEqualTo(first.offset());
    }

    @Test
    void twoNodesRacingToPublishTheSameIdsStoreEachOnce() throws Exception {
        TestNodes.Node a = node();
        TestNodes.Node b = node();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add("race-" + i + "-" + UUID.randomUUID());
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<PublishAck>>> racers = new ArrayList<>();
        for (TestNodes.Node node : List.of(a, b)) {
            CompletableFuture<List<PublishAck>> acks = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    List<CompletableFuture<PublishAck>> sent = ids.stream().map(id -> node.broker()
                            .publish(Messages.event("pay.race", 1).withId(id), PublishOptions.DURABLE)).toList();
                    acks.complete(sent.stream().map(CompletableFuture::join).toList());
                } catch (Throwable e) {
                    acks.completeExceptionally(e);
                }
            });
            racers.add(acks);
        }
        go.countDown();
        List<PublishAck> onA = racers.get(0).get(60, TimeUnit.SECONDS);
        List<PublishAck> onB = racers.get(1).get(60, TimeUnit.SECONDS);

        for (int i = 0; i < ids.size(); i++) {
            assertThat(onB.get(i).offset()).as("both callers get the offset of %s", ids.get(i))
                    .isEqualTo(onA.get(i).offset());
            assertThat(onA.get(i).duplicate() ^ onB.get(i).duplicate()).as("one of them is told it repeated %s",
                    ids.get(i)).isTrue();
        }
        List<StoredMessage> stored = a.broker().store().readAfter(0, 1_000);
        assertThat(stored).hasSize(ids.size());
        assertThat(stored.stream().map(message -> message.envelope().id())).containsExactlyInAnyOrderElementsOf(ids);
    }

    private static ai.kind.kmb.Envelope command(String topic, int payload) {
        return ai.kind.kmb.Envelope.of(topic, MessageType.COMMAND, IntNode.valueOf(payload), null);
    }

    /** Sends short-lived commands until one fails with {@code no_responders}; fails if none does in time. */
    private static void awaitNoResponders(KmbClient sender, String topic, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            try {
                sender.command(command(topic, 0), SHORT).completion().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof KmbException kmb && kmb.code() == ErrorCode.NO_RESPONDERS) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a command on '" + topic + "' still found a responder after " + atMost);
            }
        }
    }

    private static void assertFailsWith(Future<?> future, ErrorCode code, String text) {
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(KmbException.class).hasMessageContaining(text)
                .satisfies(error -> assertThat(((KmbException) error).code()).isEqualTo(code));
    }
}
