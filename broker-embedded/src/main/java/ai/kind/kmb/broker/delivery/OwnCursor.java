package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.broker.store.ConsumerClaims;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.history.StoredMessage;
import java.util.List;
import java.util.OptionalLong;

/**
 * A durable consumer alone on its store: a cursor over the log, and its whole state (cursor, ack
 * floor, unsettled deliveries) saved in the store whenever it changed, so it resumes after a restart.
 */
final class OwnCursor implements DurableSource {
    private final MessageStore store;
    private final ConsumerSaver saver;
    /** The last offset handed to the consumer; only the consumer's loop thread moves it. */
    private volatile long cursor;

    OwnCursor(MessageStore store, String name, long cursor) {
        this.store = store;
        this.saver = new ConsumerSaver(store, name);
        this.cursor = cursor;
    }

    @Override
    public List<StoredMessage> next(int max) {
        List<StoredMessage> batch = store.readAfter(cursor, max);
        if (!batch.isEmpty()) {
            cursor = batch.getLast().offset();
        }
        return batch;
    }

    @Override
    public List<ConsumerClaims.Abandoned> abandoned(int max) {
        return List.of();
    }

    /** The saved state lists what is unsettled; what is settled is simply absent from it. */
    @Override
    public void settled(long offset) {
        // Recorded by the next save.
    }

    @Override
    public OptionalLong position() {
        return OptionalLong.of(cursor);
    }

    @Override
    public void afterRound(Books books) {
        saver.saveIfChanged(() -> books.state(cursor), books.version());
    }

    @Override
    public void close(Books books) {
        saver.saveNow(books.state(cursor));
    }
}
