package ai.kind.kmb.request;

import ai.kind.kmb.PublishOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a command may take at each step: the handler's ACK must come within {@code ackTimeout}
 * of publishing, and DONE or ERROR within {@code completionTimeout} of the ACK.
 */
public record CommandOptions(Duration ackTimeout, Duration completionTimeout, PublishOptions publish) {
    public static final CommandOptions DEFAULT = new CommandOptions(Duration.ofSeconds(5), Duration.ofSeconds(30),
            PublishOptions.DEFAULT);

    public CommandOptions {
        requirePositive(ackTimeout, "ackTimeout");
        requirePositive(completionTimeout, "completionTimeout");
        Objects.requireNonNull(publish, "publish");
    }

    private static void requirePositive(Duration duration, String name) {
        if (Objects.requireNonNull(duration, name).isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }

    public CommandOptions withAckTimeout(Duration timeout) {
        return new CommandOptions(timeout, completionTimeout, publish);
    }

    public CommandOptions withCompletionTimeout(Duration timeout) {
        return new CommandOptions(ackTimeout, timeout, publish);
    }

    public CommandOptions withPublish(PublishOptions options) {
        return new CommandOptions(ackTimeout, completionTimeout, options);
    }
}
