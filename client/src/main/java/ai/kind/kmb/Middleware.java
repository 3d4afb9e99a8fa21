package ai.kind.kmb;

/**
 * Runs around a subscription's handler, as servlet filters do: call {@code next} to go on, do
 * something before and after, catch what it throws, or not call it at all to skip the message.
 * Middleware registered first is outermost. What escapes the chain counts as a failed delivery.
 */
@FunctionalInterface
public interface Middleware {
    void handle(Delivery delivery, MessageHandler next) throws Exception;
}
