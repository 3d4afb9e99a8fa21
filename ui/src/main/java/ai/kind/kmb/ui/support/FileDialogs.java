package ai.kind.kmb.ui.support;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks the person for a file. Views take this rather than opening a {@code FileChooser} themselves,
 * so that tests can answer with a path instead of a native dialog nobody can click headless.
 */
public interface FileDialogs {

    /** An existing file to read, or empty if the person cancelled. */
    Optional<Path> open(String title, String suggestedName);

    /** A file to create, or empty if the person cancelled. */
    Optional<Path> save(String title, String suggestedName);
}
