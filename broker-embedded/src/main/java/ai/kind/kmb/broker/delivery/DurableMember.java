package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.durable.DurableSubscriber;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One subscriber attached to a durable consumer. Its queue needs no bound of its own: the consumer
 * never has more than {@code maxInflight} deliveries out across all members.
 */
final class DurableMember implements Subscription {
    private final String id;
    private final SubscribeOptions options;
    private final MessageHandler handler;
    private final DurableConsumer consumer;
    private final SubscriberOrigin origin;
    private final Instant since;
    private final Dispatcher<Delivery> dispatcher;
    private volatile boolean closed;

    DurableMember(String id, SubscribeOptions options, MessageHandler handler, DurableConsumer consumer,
                  SubscriberOrigin origin, Instant since) {
        this.id = id;
        this.options = options;
        this.handler = handler;
        this.consumer = consumer;
        this.origin = origin;
        this.since = since;
        this.dispatcher = new Dispatcher<>("kmb-durable-" + consumer.name() + "-" + id, new LinkedBlockingQueue<>(),
                this::handle);
    }

    void start() {
        dispatcher.start();
    }

    void deliver(Delivery delivery) {
        dispatcher.queue().add(delivery);
    }

    private void handle(Delivery delivery) {
        try {
            handler.onMessage(delivery);
            if (options.ackMode() == AckMode.AUTO) {
                consumer.ack(delivery.message().id());
            }
        } catch (DeadLetterNow now) {
            if (!closed) {
                consumer.deadLetter(delivery.message().id(), now.reason(), now.getMessage());
            }
        } catch (Exception e) {
            // A member that left has already handed its messages back; its handler failing on the way
            // out (a connection that is gone) is not a failed delivery.
            if (!closed) {
                consumer.fail(delivery.message().id(), describe(e));
            }
        }
    }

    /** This member for operators, holding {@code inFlight} deliveries unacknowledged. */
    DurableSubscriber asSubscriber(int inFlight) {
        return new DurableSubscriber(origin.clientId(), origin.connection(), origin.address(), options.ackMode(),
                inFlight, since);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SubscribeOptions options() {
        return options;
    }

    /** A durable subscription loses nothing: what it cannot take now stays in the log. */
    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public void ack(String messageId) {
        consumer.ack(messageId);
    }

    @Override
    public void nack(String messageId, boolean requeue) {
        if (requeue) {
            consumer.fail(messageId, "nacked by subscriber " + id);
        } else {
            consumer.reject(messageId);
        }
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.close();
        consumer.detach(this);
    }
}
