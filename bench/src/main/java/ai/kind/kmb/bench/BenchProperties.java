package ai.kind.kmb.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Settings of the plain-program suites, read from system properties (bench/run.sh sets them). */
public final class BenchProperties {
    private BenchProperties() {
    }

    /** A list such as {@code "1,16"} (commas or spaces between the numbers). */
    public static List<Integer> integers(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).trim().split("[, ]+")).map(Integer::parseInt)
                .toList();
    }

    /** Whole seconds. */
    public static Duration seconds(String property, int defaultSeconds) {
        return Duration.ofSeconds(Integer.getInteger(property, defaultSeconds));
    }
}
