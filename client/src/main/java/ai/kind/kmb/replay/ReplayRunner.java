package ai.kind.kmb.replay;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The loop of one replay, on the session's virtual thread: read the next item, rewrite it, wait
 * for its turn, hand it to the bus. Acknowledgements come back on the bus's threads and are
 * counted by the session; reading never waits for them except through the in-flight window.
 */
final class ReplayRunner implements Runnable {
    private final ReplaySession session;
    private final Bus bus;
    private final ReplayRewriter rewriter;
    private final PublishOptions publishOptions;

    ReplayRunner(ReplaySession session, Bus bus) {
        this.session = session;
        this.bus = bus;
        this.rewriter = new ReplayRewriter(session.id(), session.options().target(), session.publishAs());
        this.publishOptions = session.options().durable() ? PublishOptions.DURABLE : PublishOptions.EPHEMERAL;
    }

    @Override
    public void run() {
        // Anything that escapes below (an Error, say) must still end the session, never leave it running.
        String failure = "the replay stopped unexpectedly";
        try (SourceCursor cursor = SourceCursor.open(session.source(), session.options())) {
            if (cursor instanceof StoredRangeCursor stored) {
                countInBackground(stored);
            }
            SourceItem item = cursor.next();
            while (item != null && handle(item)) {
                item = cursor.next();
            }
            failure = null;
        } catch (InterruptedException e) {
            failure = null;
            session.cancel();
        } catch (IOException | RuntimeException e) {
            failure = "reading " + session.source().describe() + " failed: " + reason(e);
        } finally {
            session.finish(failure);
        }
    }

    /** False once the replay is cancelled. */
    private boolean handle(SourceItem item) throws InterruptedException {
        return switch (item) {
            case SourceItem.Unreadable unreadable -> {
                session.skipped(new ReplayIssue(ReplayIssue.Kind.UNREADABLE, null, null, unreadable.reason()), null);
                yield !session.isCancelled();
            }
            case SourceItem.Message message -> replay(message);
        };
    }

    private boolean replay(SourceItem.Message message) throws InterruptedException {
        Envelope original = message.envelope();
        Envelope replayed;
        try {
            replayed = rewriter.rewrite(original);
        } catch (InvalidTopicException e) {
            session.skipped(new ReplayIssue(ReplayIssue.Kind.SKIPPED, original.id(), original.topic(), e.getMessage()),
                    message.receivedAt());
            return !session.isCancelled();
        }
        ReplayTurn turn = session.awaitTurn(message.receivedAt());
        if (turn == null) {
            return false;
        }
        CompletableFuture<PublishAck> ack;
        try {
            ack = bus.publish(replayed, publishOptions);
        } catch (RuntimeException e) {
            // A bus may refuse at once instead of through the future; it is counted the same way.
            ack = CompletableFuture.failedFuture(e);
        }
        ack.whenComplete((done, error) -> session.settled(original.id(), original.topic(), done, unwrap(error), turn));
        return true;
    }

    private void countInBackground(StoredRangeCursor stored) {
        Thread.ofVirtual().name("kmb-replay-" + session.id() + "-count").start(() -> {
            try {
                long total = stored.count(() -> session.state().isFinal());
                if (total != ReplayProgress.UNKNOWN) {
                    session.totalKnown(total);
                }
            } catch (RuntimeException e) {
                // The total stays unknown; if the store is failing, the replay's own reads say so.
            }
        });
    }

    /** A reason a person can act on: the protocol's error code when the bus gave one. */
    static String reason(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof KmbException kmb) {
            return kmb.code().wireName() + ": " + kmb.getMessage();
        }
        String message = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        // An unchecked wrapper's own message says where; its cause says what went wrong.
        return cause instanceof UncheckedIOException && cause.getCause() != null
                ? message + ": " + cause.getCause().getMessage() : message;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
