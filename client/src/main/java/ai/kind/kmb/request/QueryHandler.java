package ai.kind.kmb.request;

import ai.kind.kmb.Envelope;

/** Answers queries, once each; throwing answers {@code error} with the exception's message as the reason. */
@FunctionalInterface
public interface QueryHandler {
    QueryAnswer answer(Envelope query) throws Exception;
}
