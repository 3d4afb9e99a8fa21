package ai.kind.kmb.bench;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests of peers on local servers: skips with the reason when the server does not answer, and
 * fails instead when {@code KMB_REQUIRE_SERVICES=1} (CI sets it), like broker-embedded's
 * RequiresService, so a missing server never turns a green build into one that tested nothing.
 */
public final class ServerAvailable {
    private ServerAvailable() {
    }

    public static void orSkip(Optional<String> problem) {
        if (problem.isEmpty()) {
            return;
        }
        if ("1".equals(System.getenv("KMB_REQUIRE_SERVICES"))) {
            throw new IllegalStateException(problem.get() + "; KMB_REQUIRE_SERVICES=1 makes this a failure, not a skip");
        }
        Assumptions.abort(problem.get() + "; skipping (set KMB_REQUIRE_SERVICES=1 to fail instead)");
    }
}
