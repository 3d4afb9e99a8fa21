package ai.kind.kmb.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which earlier versions a new version must stay compatible with, and in which direction, as in
 * the Confluent Schema Registry. BACKWARD: readers of the new version read data written with the
 * earlier one; FORWARD: readers of the earlier version read data written with the new one; FULL:
 * both. The plain modes check against the latest version, the transitive ones against all.
 */
public enum CompatibilityMode {
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true),
    NONE(false, false, false);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityMode(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    public boolean backward() {
        return backward;
    }

    public boolean forward() {
        return forward;
    }

    public boolean transitive() {
        return transitive;
    }

    /** Reads {@code backward}, {@code FULL_TRANSITIVE} and the like; names the choices when it cannot. */
    public static CompatibilityMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown compatibility mode '" + text + "'; one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")), e);
        }
    }
}
