package ai.kind.kmb.bench.inprocess;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.bench.Workload;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x's local event bus: {@code publish} to one address with one consumer per subscriber. The
 * event bus has no wildcards, so every consumer listens on the exact topic; Vert.x is spared the
 * routing KMB does. Each consumer is its own verticle, so that each gets an event loop of its own
 * (consumers registered from one outside thread would all share that thread's sticky context).
 */
final class VertxFanOut implements FanOut {
    private final Vertx vertx;

    VertxFanOut(int subscribers, Sink sink) {
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(subscribers)
                // The benchmark's publisher is not an event loop; nothing here should be reported as blocked.
                .setBlockedThreadCheckInterval(TimeUnit.MINUTES.toMillis(10)));
        vertx.eventBus().registerDefaultCodec(Envelope.class, new SameObjectCodec());
        for (int i = 0; i < subscribers; i++) {
            int index = i;
            AbstractVerticle consumer = new AbstractVerticle() {
                @Override
                public void start(Promise<Void> started) {
                    vertx.eventBus().<Envelope>consumer(Workload.TOPIC, message -> sink.received(index, message.body()))
                            .completionHandler(started);
                }
            };
            vertx.deployVerticle(consumer).toCompletionStage().toCompletableFuture().join();
        }
    }

    @Override
    public void publish(Envelope message) {
        vertx.eventBus().publish(Workload.TOPIC, message);
    }

    /** The local event bus buffers without bound while a consumer is not paused: it never drops here. */
    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /**
     * Hands the same immutable envelope to every local consumer, as KMB does: no copy, no encoding.
     * The wire methods are never called on a local-only bus.
     */
    private static final class SameObjectCodec implements MessageCodec<Envelope, Envelope> {
        @Override
        public void encodeToWire(Buffer buffer, Envelope envelope) {
            throw new UnsupportedOperationException("local event bus only");
        }

        @Override
        public Envelope decodeFromWire(int pos, Buffer buffer) {
            throw new UnsupportedOperationException("local event bus only");
        }

        @Override
        public Envelope transform(Envelope envelope) {
            return envelope;
        }

        @Override
        public String name() {
            return "kmb-envelope-same-object";
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
