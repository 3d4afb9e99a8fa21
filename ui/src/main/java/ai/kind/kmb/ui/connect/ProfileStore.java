package ai.kind.kmb.ui.connect;

import ai.kind.kmb.Json;
import ai.kind.kmb.ui.support.PrivateFiles;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saved remote profiles in {@code profiles.json} in the user's config directory. The embedded
 * profile is built in and never written. The file can hold tokens, so on POSIX systems it is
 * readable by its owner only.
 */
public final class ProfileStore {
    public static final String FILE_NAME = "profiles.json";
    private static final TypeReference<List<ConnectionProfile>> LIST = new TypeReference<>() {
    };

    private final Path file;

    public ProfileStore(Path configDirectory) {
        this.file = configDirectory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The embedded profile first, then the saved ones in the order they were saved. */
    public List<ConnectionProfile> load() {
        List<ConnectionProfile> profiles = new ArrayList<>();
        profiles.add(ConnectionProfile.EMBEDDED_PROFILE);
        if (Files.isRegularFile(file)) {
            try {
                Json.mapper().readValue(file.toFile(), LIST).stream()
                        .filter(profile -> !profile.isEmbedded())
                        .forEach(profiles::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read connection profiles from " + file + ": " + e.getMessage(), e);
            }
        }
        return profiles;
    }

    public void save(List<ConnectionProfile> profiles) {
        List<ConnectionProfile> remote = profiles.stream().filter(profile -> !profile.isEmbedded()).toList();
        try {
            PrivateFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(remote));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save connection profiles to " + file, e);
        }
    }
}
