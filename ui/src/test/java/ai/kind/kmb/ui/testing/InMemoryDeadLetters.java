package ai.kind.kmb.ui.testing;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterAdmin;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.dlq.DeathRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The dead-letter queue of a {@link InMemoryBus}: letters a test adds, and the admin operations on them. */
public final class InMemoryDeadLetters implements DeadLetterAdmin {
    private final InMemoryBus bus;
    private final List<DeadLetter> letters = new ArrayList<>();
    private int nextId = 1;

    InMemoryDeadLetters(InMemoryBus bus) {
        this.bus = bus;
    }

    /** Adds a letter for {@code message} that died at {@code at} for {@code reason}; returns it. */
    public synchronized DeadLetter add(Envelope message, DeathReason reason, Instant at, String lastError) {
        DeathRecord death = new DeathRecord(reason, message.topic(), "workers", 5, at, at, 1, lastError);
        DeadLetter letter = new DeadLetter("dl-" + nextId++, message.stamped(at), death);
        letters.add(letter);
        return letter;
    }

    public synchronized int size() {
        return letters.size();
    }

    @Override
    public synchronized List<DeadLetter> list(DeadLetterQuery query) {
        return letters.stream().filter(query::matches)
                .sorted(Comparator.comparing((DeadLetter l) -> l.death().lastDeath()).reversed())
                .limit(query.limit() <= 0 ? Long.MAX_VALUE : query.limit())
                .toList();
    }

    @Override
    public synchronized DeadLetter get(String id) {
        return letters.stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> new KmbException(ErrorCode.NOT_FOUND, "no dead letter " + id));
    }

    @Override
    public CompletableFuture<PublishAck> requeue(String id, String targetTopic) {
        DeadLetter letter = get(id);
        String topic = targetTopic == null ? letter.death().originalTopic() : targetTopic;
        return republish(id, letter.message().withTopic(topic));
    }

    @Override
    public CompletableFuture<PublishAck> resend(String id, Envelope edited) {
        get(id);
        return republish(id, edited);
    }

    @Override
    public synchronized boolean delete(String id) {
        return letters.removeIf(l -> l.id().equals(id));
    }

    @Override
    public synchronized int purge(DeadLetterQuery query) {
        int before = letters.size();
        letters.removeIf(query::matches);
        return before - letters.size();
    }

    private CompletableFuture<PublishAck> republish(String id, Envelope message) {
        return bus.publish(message, PublishOptions.DURABLE).thenApply(ack -> {
            delete(id);
            return ack;
        });
    }
}
