package ai.kind.kmb.ui.connect;

import java.util.List;

/**
 * What the embedded broker of this run uses, which can differ from the saved settings: the
 * command line overrides them for one run, and saved settings that could not be used fall back.
 *
 * @param settings        the backend in use, and the key registry file in use (null: none)
 * @param overridingFlags the command-line flags that chose something other than the saved settings
 * @param fallbacks       the saved settings that could not be used this run, and why
 */
public record EmbeddedRun(EmbeddedBrokerSettings settings, List<String> overridingFlags, List<String> fallbacks) {
    public EmbeddedRun {
        overridingFlags = List.copyOf(overridingFlags);
        fallbacks = List.copyOf(fallbacks);
    }

    /** As the saved settings said, nothing overridden or fallen back. */
    public static EmbeddedRun asSaved(EmbeddedBrokerSettings settings) {
        return new EmbeddedRun(settings, List.of(), List.of());
    }

    /** One line for the Connect view. */
    public String describe() {
        String keys = settings.keyRegistry() == null ? "no key registry (signatures are not checked)"
                : "key registry " + settings.keyRegistry();
        String flags = overridingFlags.isEmpty() ? "" : " (" + String.join(", ", overridingFlags)
                + " on the command line)";
        return "This run: " + settings.describe() + "; " + keys + flags + ".";
    }
}
