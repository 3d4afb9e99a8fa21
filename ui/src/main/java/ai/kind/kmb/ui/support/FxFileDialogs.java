package ai.kind.kmb.ui.support;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link FileDialogs} with JavaFX's native file chooser, owned by the window {@code owner} names when asked. */
public final class FxFileDialogs implements FileDialogs {
    private static final FileChooser.ExtensionFilter RECORDINGS =
            new FileChooser.ExtensionFilter("KMB recordings (*.ndjson, *.ndjson.gz)", "*.ndjson", "*.ndjson.gz", "*.gz");
    private static final FileChooser.ExtensionFilter ALL = new FileChooser.ExtensionFilter("All files", "*");

    private final Supplier<Window> owner;

    public FxFileDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> open(String title, String suggestedName) {
        return Optional.ofNullable(chooser(title, suggestedName).showOpenDialog(window())).map(File::toPath);
    }

    @Override
    public Optional<Path> save(String title, String suggestedName) {
        return Optional.ofNullable(chooser(title, suggestedName).showSaveDialog(window())).map(File::toPath);
    }

    private FileChooser chooser(String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(RECORDINGS, ALL);
        if (suggestedName != null) {
            chooser.setInitialFileName(suggestedName);
        }
        return chooser;
    }

    private Window window() {
        return owner.get();
    }
}
