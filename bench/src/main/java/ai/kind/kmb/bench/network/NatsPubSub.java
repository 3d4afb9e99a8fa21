package ai.kind.kmb.bench.network;

import ai.kind.kmb.bench.PayloadCodec;
import ai.kind.kmb.bench.Service;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** NATS core through jnats: one connection per client, a dispatcher thread per subscriber. */
final class NatsPubSub implements PubSub {
    private final String subject;
    private final List<Connection> connections = new ArrayList<>();
    private final Connection publisher;

    NatsPubSub(String subject, int subscribers, Sink sink) {
        this.subject = subject;
        try {
            for (int i = 0; i < subscribers; i++) {
                int index = i;
                Connection connection = connect("kmb-bench-subscriber-" + i);
                connection.createDispatcher(message -> sink.received(index, PayloadCodec.decoder(message.getData())))
                        .subscribe(subject);
                // The round trip makes sure the server has the subscription before anything is published.
                connection.flush(Duration.ofSeconds(5));
            }
            publisher = connect("kmb-bench-publisher");
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            close();
            throw new IllegalStateException("NATS at " + Service.NATS.natsUrl() + ": " + e.getMessage(), e);
        }
    }

    private Connection connect(String name) throws IOException, InterruptedException {
        Connection connection = Nats.connect(new Options.Builder().server(Service.NATS.natsUrl()).connectionName(name)
                .build());
        connections.add(connection);
        return connection;
    }

    @Override
    public void publish(ObjectNode payload) {
        publisher.publish(subject, PayloadCodec.encode(payload));
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
