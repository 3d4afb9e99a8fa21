package ai.kind.kmb;

import java.util.List;
import java.util.function.Function;

/** Applies transformers in order; null is refused, since it would only fail later and further away. */
final class Transformers {
    private Transformers() {
    }

    static Envelope apply(List<Function<Envelope, Envelope>> transformers, Envelope message, String direction) {
        Envelope current = message;
        int index = 0;
        for (Function<Envelope, Envelope> transformer : transformers) {
            index++;
            current = transformer.apply(current);
            if (current == null) {
                throw new IllegalStateException(direction + " transformer " + index
                        + " returned null; return the envelope (changed or not) to pass it on");
            }
        }
        return current;
    }
}
