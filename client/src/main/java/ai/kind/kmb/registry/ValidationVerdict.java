package ai.kind.kmb.registry;

import ai.kind.kmb.ErrorDetail;
import java.util.List;

/**
 * A payload checked against one version of a topic. Each violation names its place as a JSON
 * pointer into the payload ({@code field}) and what is wrong. {@code version} is null when the
 * topic has no descriptor, in which case {@code described} is false and nothing was checked.
 */
public record ValidationVerdict(String topic, String version, boolean described, List<ErrorDetail> violations) {
    public ValidationVerdict {
        violations = List.copyOf(violations);
    }

    public boolean valid() {
        return violations.isEmpty();
    }
}
