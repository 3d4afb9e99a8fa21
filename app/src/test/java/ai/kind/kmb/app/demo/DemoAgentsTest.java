package ai.kind.kmb.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Sender;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.EmbeddedConnection;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.DurableProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the demo agents on a real broker and checks that each kind of traffic the views need shows up. */
class DemoAgentsTest {
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final EmbeddedConnection observer = new EmbeddedConnection(broker, "observer");
    private final EmbeddedConnection agents = new EmbeddedConnection(broker, "agents");
    private final List<Envelope> seen = new CopyOnWriteArrayList<>();
    private DemoAgents demo;

    @BeforeEach
    void start() {
        for (String filter : List.of("#", "_inbox.#", "_kmb.#")) {
            observer.subscribe(SubscribeOptions.ephemeral(filter).withMaxInflight(10_000),
                    delivery -> seen.add(delivery.message()));
        }
        demo = new DemoAgents(agents, 42).start();
    }

    @AfterEach
    void stop() {
        demo.close();
        agents.close();
        observer.close();
        broker.close();
    }

    @Test
    void producesEveryKindOfTrafficAndDeadLettersThePoisonMessage() throws Exception {
        await(() -> has(m -> m.topic().equals("kmb.agent.intent.complete"))
                && has(m -> m.topic().startsWith("kmb.tx.payment.commit") || m.topic().startsWith("kmb.tx.payment.rollback"))
                && !poisonLetters().isEmpty());

        assertThat(seen).anyMatch(m -> m.topic().equals("agent.health.heartbeat"));
        assertThat(seen).anyMatch(m -> m.topic().equals("kmb.agent.lifecycle")
                && m.payload().path("state").asText().equals("ready"));
        assertThat(seen).anyMatch(m -> m.topic().equals("kmb.agent.memory.embedding"));
        assertThat(seen).anyMatch(m -> m.type() == MessageType.TRANSACTIONAL
                && "prepare".equals(m.metadata().headers().get("phase")));
        assertThat(seen).anyMatch(m -> m.topic().equals("_kmb.advisory.dead_letter"));

        Envelope command = seen.stream().filter(m -> m.type() == MessageType.COMMAND).findFirst().orElseThrow();
        List<Envelope> replies = seen.stream().filter(m -> m.type() == MessageType.REPLY
                && command.metadata().correlationId().equals(m.metadata().correlationId())).toList();
        assertThat(replies).extracting(m -> m.metadata().status()).startsWith("ACK").hasSize(2)
                .last().isIn("DONE", "ERROR");
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.topic()).isEqualTo(command.metadata().replyTo()).isEqualTo("_inbox.planner");
            assertThat(reply.metadata().traceId()).as("replies continue the command's trace")
                    .isEqualTo(command.metadata().traceId());
        });
        assertThat(replies.getFirst().metadata().parentId()).isEqualTo(command.metadata().spanId());
        assertThat(seen).anyMatch(m -> m.type() == MessageType.REPLY
                && List.of("data", "not_found").contains(m.metadata().status()));

        DeadLetter poison = poisonLetters().getFirst();
        assertThat(poison.death().reason()).isEqualTo(DeathReason.MAX_DELIVERIES);
        assertThat(poison.death().deliveryCount()).isEqualTo(IngestWorker.MAX_DELIVER);
        assertThat(poison.death().lastError()).contains("cannot parse " + IngestWorker.POISON);
        assertThat(demo.refused()).as("no command or query went unanswered").isZero();
    }

    @Test
    void everyAgentPublishesUnderItsOwnName() throws Exception {
        await(() -> has(m -> m.topic().startsWith("kmb.tx.payment.")) && has(m -> m.type() == MessageType.REPLY
                && "DONE".equals(m.metadata().status())));

        List<Envelope> fromAgents = seen.stream().filter(m -> !m.topic().startsWith("_kmb.")).toList();
        assertThat(fromAgents).allSatisfy(m -> assertThat(Sender.of(m)).as("sender of %s", m.topic()).isPresent());
        assertThat(fromAgents).map(m -> Sender.of(m).orElseThrow())
                .contains("planner", "memory", "billing", "ledger", "inventory")
                .anyMatch(name -> name.startsWith("worker-"));
        assertThat(fromAgents).filteredOn(m -> m.type() == MessageType.COMMAND)
                .allSatisfy(m -> assertThat(Sender.of(m)).contains("planner"));
        assertThat(fromAgents).filteredOn(m -> m.type() == MessageType.REPLY && "DONE".equals(m.metadata().status()))
                .allSatisfy(m -> assertThat(Sender.of(m).orElseThrow()).startsWith("worker-"));
    }

    @Test
    void theAuditorsShareADurableAndAcknowledgeEachIntentAfterAWhile() throws Exception {
        await(() -> broker.durables().get(AuditTrail.DURABLE).here().inFlight() > 0);
        DurableInfo audit = broker.durables().get(AuditTrail.DURABLE);
        assertThat(audit.group()).isEqualTo(AuditTrail.GROUP);
        assertThat(audit.filter()).isEqualTo(AuditTrail.FILTER);
        assertThat(audit.here().members()).isEqualTo(AuditTrail.MEMBERS);
        long taken = audit.progress().position();

        await(() -> auditAckFloor() >= taken);
        assertThat(auditAckFloor()).as("what was in flight is acknowledged later").isGreaterThanOrEqualTo(taken);
        assertThat(broker.durables().list()).extracting(DurableInfo::name)
                .contains(AuditTrail.DURABLE, IngestWorker.DURABLE);
    }

    private long auditAckFloor() {
        return ((DurableProgress.OneNode) broker.durables().get(AuditTrail.DURABLE).progress()).ackFloor();
    }

    private List<DeadLetter> poisonLetters() {
        return broker.deadLetters().list(DeadLetterQuery.all(10)).stream()
                .filter(letter -> letter.message().payload().path("document").asText().equals(IngestWorker.POISON))
                .toList();
    }

    private boolean has(Predicate<Envelope> wanted) {
        return seen.stream().anyMatch(wanted);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }
}
