package ai.kind.kmb.tx;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The vote before a commit: a {@code prepare} to every participant's topic, each answered by a
 * reply with status {@code yes} or {@code no}; then {@code commit} or {@code rollback} to all.
 */
public final class VoteRound {
    /** What participants are told they vote on. */
    record Summary(String transactionId, int messages, List<String> topics) {
    }

    private final BiFunction<Envelope, Duration, CompletableFuture<Envelope>> ask;
    private final Function<Envelope, CompletableFuture<PublishAck>> tell;

    /** {@code ask} sends a request and completes with its reply; {@code tell} publishes. */
    public VoteRound(BiFunction<Envelope, Duration, CompletableFuture<Envelope>> ask,
                     Function<Envelope, CompletableFuture<PublishAck>> tell) {
        this.ask = ask;
        this.tell = tell;
    }

    /** Completes with null when every participant voted yes, else with the first refusal's reason. */
    CompletableFuture<String> collect(Summary summary, List<String> participants, Duration timeout) {
        List<CompletableFuture<String>> refusals = participants.stream()
                .map(topic -> ask.apply(prepare(topic, summary), timeout)
                        .handle((vote, failure) -> refusal(topic, vote, failure, timeout)))
                .toList();
        return CompletableFuture.allOf(refusals.toArray(CompletableFuture[]::new))
                .thenApply(all -> refusals.stream().map(CompletableFuture::join).filter(Objects::nonNull)
                        .findFirst().orElse(null));
    }

    void tell(List<String> participants, String transactionId, String phase, String reason) {
        for (String topic : participants) {
            ObjectNode payload = TxPhase.payload();
            if (reason != null) {
                payload.put("reason", reason);
            }
            tell.apply(TxPhase.message(topic, transactionId, phase, payload));
        }
    }

    private static Envelope prepare(String topic, Summary summary) {
        ObjectNode payload = TxPhase.payload().put("messages", summary.messages());
        summary.topics().forEach(payload.putArray("topics")::add);
        return TxPhase.message(topic, summary.transactionId(), TxPhase.PREPARE, payload);
    }

    private static String refusal(String topic, Envelope vote, Throwable failure, Duration timeout) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof KmbException kmb && kmb.code() == ErrorCode.TIMEOUT) {
                return "participant '" + topic + "' did not vote within " + timeout.toMillis() + " ms";
            }
            if (cause instanceof KmbException kmb && kmb.code() == ErrorCode.NO_RESPONDERS) {
                return "no participant subscribes to '" + topic + "'";
            }
            return "asking participant '" + topic + "' failed: " + cause.getMessage();
        }
        if (TxPhase.YES.equals(vote.metadata().status())) {
            return null;
        }
        String reason = vote.payload().path("reason").asText(null);
        return "participant '" + topic + "' voted " + vote.metadata().status() + (reason == null ? "" : ": " + reason);
    }
}
