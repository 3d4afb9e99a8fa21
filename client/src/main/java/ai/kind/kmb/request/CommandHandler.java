package ai.kind.kmb.request;

/**
 * Handles commands. Returning without a final status sends DONE; throwing sends ERROR with the
 * exception's message as the reason. Call {@link IncomingCommand#ack()} first when the work is long.
 */
@FunctionalInterface
public interface CommandHandler {
    void handle(IncomingCommand command) throws Exception;
}
