package ai.kind.kmb.recording;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A bus whose deliveries the test makes by hand, on the test's thread. */
final class ScriptedBus implements Bus {
    final List<FakeSubscription> subscriptions = new ArrayList<>();

    final class FakeSubscription implements Subscription {
        final SubscribeOptions options;
        final MessageHandler handler;
        long dropped;
        boolean closed;

        FakeSubscription(SubscribeOptions options, MessageHandler handler) {
            this.options = options;
            this.handler = handler;
        }

        /** Delivers as the bus would, even after close, as a late delivery racing a close can. */
        void deliver(Envelope message, long offset) throws Exception {
            handler.onMessage(new Delivery(id(), 1, offset, message, this));
        }

        @Override
        public String id() {
            return "s" + subscriptions.indexOf(this);
        }

        @Override
        public SubscribeOptions options() {
            return options;
        }

        @Override
        public long dropped() {
            return dropped;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void ack(String messageId) {
        }

        @Override
        public void nack(String messageId, boolean requeue) {
        }
    }

    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
        throw new UnsupportedOperationException("recording tests only subscribe");
    }

    @Override
    public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
        FakeSubscription subscription = new FakeSubscription(options, handler);
        subscriptions.add(subscription);
        return subscription;
    }

    @Override
    public void close() {
        subscriptions.forEach(FakeSubscription::close);
    }
}
