package ai.kind.kmb.broker.registry;

import ai.kind.kmb.registry.CompatibilityMode;
import ai.kind.kmb.registry.Incompatibility;
import ai.kind.kmb.registry.TopicVersion;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a candidate schema against a topic's earlier versions in its mode: the latest one, or all
 * of them in the transitive modes; BACKWARD reads earlier data with the candidate, FORWARD reads the
 * candidate's data with each earlier version, FULL does both.
 */
final class CompatibilityChecker {
    private CompatibilityChecker() {
    }

    static List<Incompatibility> check(CompatibilityMode mode, List<TopicVersion> earlier, JsonNode candidate) {
        List<Incompatibility> found = new ArrayList<>();
        if (mode == CompatibilityMode.NONE || earlier.isEmpty()) {
            return found;
        }
        List<TopicVersion> against = mode.transitive() ? earlier : List.of(earlier.getLast());
        for (TopicVersion version : against) {
            if (mode.backward()) {
                add(found, version.version(), "", JsonSchemaDiff.incompatibilities(version.schema(), candidate));
            }
            if (mode.forward()) {
                // The pointers of a forward change are into the earlier schema, the reader there.
                add(found, version.version(), "forward: " + version.version() + " reading new data: ",
                        JsonSchemaDiff.incompatibilities(candidate, version.schema()));
            }
        }
        return found;
    }

    private static void add(List<Incompatibility> found, String version, String prefix, List<SchemaChange> changes) {
        for (SchemaChange change : changes) {
            found.add(new Incompatibility(version, change.pointer(), change.type(), prefix + change.message()));
        }
    }
}
