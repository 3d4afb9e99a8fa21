package ai.kind.kmb.broker;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The child process of {@link CrashRecoveryTest}: publishes durable messages from several threads
 * for ever and prints {@code ACK id offset} for each acknowledgement, until it is killed.
 */
public final class CrashPublisher {
    static final int THREADS = 4;

    private CrashPublisher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Broker broker = Broker.start(SqliteStore.open(Path.of(args[0])), BrokerOptions.defaults());
        PrintStream out = System.out;
        out.println("READY");
        out.flush();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (long n = 0; ; n++) {
                    Envelope message = Envelope.event("crash.test." + thread, Json.object().put("n", n))
                            .withId("m-" + thread + "-" + n);
                    PublishAck ack = broker.publish(message, PublishOptions.DURABLE).join();
                    synchronized (out) {
                        out.println("ACK " + ack.id() + " " + ack.offset());
                        out.flush();
                    }
                }
            });
        }
        new CountDownLatch(1).await();
    }
}
