package ai.kind.kmb.registry;

import java.util.List;

/**
 * The answer to registering a version: the version it got (or would get), the mode it was checked
 * in, whether it is compatible, whether it was written to the registry, and every incompatibility.
 */
public record CompatibilityVerdict(String topic, String version, CompatibilityMode mode, boolean compatible,
                                   boolean registered, List<Incompatibility> incompatibilities) {
    public CompatibilityVerdict {
        incompatibilities = List.copyOf(incompatibilities);
    }
}
