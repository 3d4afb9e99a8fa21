package ai.kind.kmb.bench.network;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.remote.RemoteBus;
import ai.kind.kmb.remote.RemoteBusOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * KMB over the network: kmbd (in a process of its own, see {@link KmbdProcess}) and the Java SDK's
 * {@link RemoteBus}, one connection per client, with ephemeral publishes and subscriptions. The
 * publisher does not wait for its pubacks.
 */
final class KmbPubSub implements PubSub {
    /** The server's cap on max_inflight: the most an ephemeral subscriber may have queued. */
    static final int MAX_INFLIGHT = 10_000;

    private final String topic;
    private final List<RemoteBus> clients = new ArrayList<>();
    private final RemoteBus publisher;
    private final AtomicLong failedPublishes = new AtomicLong();
    private volatile String firstFailure;

    KmbPubSub(URI url, String topic, int subscribers, Sink sink) {
        this.topic = topic;
        try {
            for (int i = 0; i < subscribers; i++) {
                int index = i;
                RemoteBus subscriber = connect(url, "bench-subscriber-" + i);
                // subscribe returns once the server confirmed the subscription.
                subscriber.subscribe(SubscribeOptions.ephemeral(topic).withMaxInflight(MAX_INFLIGHT),
                        delivery -> sink.received(index, delivery.message()::payload));
            }
            publisher = connect(url, "bench-publisher");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private RemoteBus connect(URI url, String clientId) {
        RemoteBus bus = RemoteBus.connect(RemoteBusOptions.defaults(url).withClientId(clientId));
        clients.add(bus);
        return bus;
    }

    @Override
    public void publish(ObjectNode payload) {
        publisher.publish(Envelope.event(topic, payload), PublishOptions.EPHEMERAL).exceptionally(error -> {
            if (failedPublishes.getAndIncrement() == 0) {
                firstFailure = error.toString();
            }
            return null;
        });
    }

    @Override
    public String failures() {
        long failed = failedPublishes.get();
        return failed == 0 ? "" : failed + " publishes failed, the first with " + firstFailure;
    }

    @Override
    public void close() {
        clients.forEach(RemoteBus::close);
    }
}
