package ai.kind.kmb.replay;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import java.util.List;

/** How fast a replay goes: paced by the source's receive times, or as fast as the bus takes it. */
public sealed interface ReplaySpeed {
    double MIN_FACTOR = 0.1;

    /**
     * Keeps the source's spacing between receive times, divided by {@code factor}: 1 is real time,
     * 2 twice as fast (gaps halved), 0.5 half as fast.
     */
    record Paced(double factor) implements ReplaySpeed {
        public Paced {
            if (!Double.isFinite(factor) || factor < MIN_FACTOR) {
                String reason = "must be a number of at least " + MIN_FACTOR + " (or 'max'), got " + factor;
                throw new KmbException(ErrorCode.BAD_REQUEST, "speed " + reason, List.of(new ErrorDetail("speed", reason)));
            }
        }
    }

    /** No waiting between messages. */
    record AsFastAsPossible() implements ReplaySpeed {
    }

    ReplaySpeed REAL_TIME = new Paced(1);
    ReplaySpeed AS_FAST_AS_POSSIBLE = new AsFastAsPossible();

    static ReplaySpeed times(double factor) {
        return new Paced(factor);
    }

    /** Parses the wire form: {@code max}, or a factor such as {@code 1}, {@code 2.5} or {@code 0.5x}. */
    static ReplaySpeed parse(String text) {
        if (text == null || text.isBlank()) {
            return REAL_TIME;
        }
        String trimmed = text.strip();
        if (trimmed.equals("max")) {
            return AS_FAST_AS_POSSIBLE;
        }
        String number = trimmed.endsWith("x") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        try {
            return new Paced(Double.parseDouble(number));
        } catch (NumberFormatException e) {
            String reason = "must be a factor such as 1, 2.5 or 0.5x, or 'max', got '" + text + "'";
            throw new KmbException(ErrorCode.BAD_REQUEST, "speed " + reason, List.of(new ErrorDetail("speed", reason)));
        }
    }

    default String wireForm() {
        return switch (this) {
            case Paced p -> p.factor() == Math.rint(p.factor()) ? Long.toString((long) p.factor())
                    : Double.toString(p.factor());
            case AsFastAsPossible a -> "max";
        };
    }
}
