package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.bench.PayloadCodec;
import ai.kind.kmb.bench.Service;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * NATS JetStream through jnats: a file-storage stream of this run's own, publishes whose
 * {@code PubAck} (the stream stored the message) each publisher awaits before its next, exactly as
 * KMB's publishers await their acknowledgements; the durable subscriber is a durable push consumer
 * delivering new messages, acknowledged when the handler returns. The stream is deleted on close.
 */
final class JetStreamTarget implements DurableTarget {
    private final String stream;
    private final String subject;
    private final Connection connection;
    private final JetStream jetStream;
    private final JetStreamManagement management;

    JetStreamTarget(String runId) {
        this.stream = "KMB_BENCH_" + runId;
        this.subject = "kmb-bench-js." + runId;
        try {
            connection = Nats.connect(new Options.Builder().server(Service.NATS.natsUrl())
                    .connectionName("kmb-bench-jetstream").build());
            management = connection.jetStreamManagement();
            management.addStream(StreamConfiguration.builder().name(stream).subjects(subject)
                    .storageType(StorageType.File).build());
            jetStream = connection.jetStream();
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("JetStream at " + Service.NATS.natsUrl() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS", e);
        }
    }

    @Override
    public CompletableFuture<?> publish(ObjectNode payload) {
        return jetStream.publishAsync(subject, PayloadCodec.encode(payload));
    }

    @Override
    public AutoCloseable subscribe(String name, Sink sink) {
        Dispatcher dispatcher = connection.createDispatcher();
        ConsumerConfiguration consumer = ConsumerConfiguration.builder().durable(name)
                .deliverPolicy(DeliverPolicy.New).build();
        try {
            JetStreamSubscription subscription = jetStream.subscribe(subject, dispatcher,
                    message -> sink.received(PayloadCodec.decoder(message.getData())), true,
                    PushSubscribeOptions.builder().stream(stream).configuration(consumer).build());
            return () -> {
                dispatcher.unsubscribe(subscription);
                connection.closeDispatcher(dispatcher);
            };
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("JetStream durable consumer " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            management.deleteStream(stream);
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("could not delete the benchmark's stream " + stream + ": " + e.getMessage(),
                    e);
        } finally {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
