package ai.kind.kmb.registry;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry states about one topic: its contract (versions, oldest first), how new
 * versions must stay compatible, and how the broker treats its messages. {@code durability}
 * ({@code durable}/{@code ephemeral}), {@code retention} and {@code rateLimit} are null when the
 * descriptor leaves them to the broker's defaults. {@code source} is the descriptor's file name.
 */
public record TopicDescriptor(String name, String description, String owner, CompatibilityMode compatibility,
                              String durability, Duration retention, boolean signaturesRequired,
                              RateLimit rateLimit, InvalidPayloadPolicy onInvalid, List<TopicVersion> versions,
                              String source) {
    public TopicDescriptor {
        Objects.requireNonNull(name, "name");
        compatibility = compatibility == null ? CompatibilityMode.BACKWARD : compatibility;
        onInvalid = onInvalid == null ? InvalidPayloadPolicy.REFUSE : onInvalid;
        versions = versions.stream().sorted(Comparator.comparingInt(TopicVersion::number)).toList();
    }

    public TopicVersion latest() {
        return versions.getLast();
    }

    public Optional<TopicVersion> version(String version) {
        return versions.stream().filter(candidate -> candidate.version().equals(version)).findFirst();
    }
}
