package ai.kind.kmb.bench.inprocess;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.bench.Workload;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.util.ArrayList;
import java.util.List;

/** The embedded broker, ephemeral publish, one wildcard subscription per subscriber. */
final class KmbFanOut implements FanOut {
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final List<Subscription> subscriptions = new ArrayList<>();

    KmbFanOut(int subscribers, int capacity, Sink sink) {
        for (int i = 0; i < subscribers; i++) {
            int index = i;
            String filter = Workload.FILTERS.get(i % Workload.FILTERS.size());
            // max_inflight is KMB's per-subscriber buffer; the default (1000) would drop most of an
            // unpaced batch, since an ephemeral publish never waits for a subscriber.
            SubscribeOptions options = SubscribeOptions.ephemeral(filter).withMaxInflight(capacity);
            subscriptions.add(broker.subscribe(options, delivery -> sink.received(index, delivery.message())));
        }
    }

    @Override
    public void publish(Envelope message) {
        broker.publish(message, PublishOptions.EPHEMERAL);
    }

    @Override
    public long dropped() {
        return subscriptions.stream().mapToLong(Subscription::dropped).sum();
    }

    @Override
    public void close() {
        broker.close();
    }
}
