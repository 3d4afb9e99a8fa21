package ai.kind.kmb.cli;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.dlq.DeathRecord;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What kmbd runs, in this process: a broker on an in-memory store behind the network server on a
 * free loopback port; and kmbctl run against it as a person would, with its output captured.
 */
final class TestKmbd implements AutoCloseable {
    final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    final KmbServer server = KmbServer.start(broker, ServerOptions.loopback(0), "kmbd-test");

    /** What one run of kmbctl printed, and how it ended. */
    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
        }
    }

    String url() {
        return server.url();
    }

    /** kmbctl against this server, with {@code --url} given as a flag. */
    Result kmbctl(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--url";
        all[1] = url();
        System.arraycopy(args, 0, all, 2, args.length);
        return run(Map.of(), "", all);
    }

    /** kmbctl exactly as given, with this environment and standard input. */
    static Result run(Map<String, String> environment, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int code = Kmbctl.run(args, new PrintWriter(out, true), new PrintWriter(err, true), in, environment,
                ConnectionFactory.remote());
        return new Result(code, out.toString(), err.toString());
    }

    PublishAck publish(String topic, int n, boolean durable) {
        return broker.publish(Envelope.event(topic, Json.object().put("n", n)), new PublishOptions(durable)).join();
    }

    PublishAck publish(Envelope message) {
        return broker.publish(message, PublishOptions.DURABLE).join();
    }

    /** A dead letter as the broker would keep it after a subscriber rejected the message. */
    String deadLetter(String topic, DeathReason reason, int n) {
        Instant now = Instant.now();
        Envelope message = new Envelope(UUID.randomUUID().toString(), now, topic, MessageType.EVENT,
                Json.object().put("n", n), Metadata.EMPTY, null);
        DeadLetter letter = new DeadLetter(null, message,
                new DeathRecord(reason, topic, "worker", 3, now, now, 1, "handler failed on n=" + n));
        return broker.store().addDeadLetter(letter).join().id();
    }

    @Override
    public void close() {
        server.close();
        broker.close();
    }
}
