package ai.kind.kmb.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path config;

    @Test
    void theEmbeddedProfileIsAlwaysFirstAndNeverWritten() throws Exception {
        ProfileStore store = new ProfileStore(config);
        ConnectionProfile staging = ConnectionProfile.remote("staging", "https://kmb.example:7420", "tok", "/etc/ca.pem");

        store.save(List.of(ConnectionProfile.EMBEDDED_PROFILE, staging));

        assertThat(new ProfileStore(config).load()).containsExactly(ConnectionProfile.EMBEDDED_PROFILE, staging);
        assertThat(Files.readString(store.file())).contains("\"trust_file\" : \"/etc/ca.pem\"")
                .contains("\"kind\" : \"remote\"").doesNotContain("embedded");
    }

    @Test
    void theFileWithTokensIsReadableByItsOwnerOnly() throws Exception {
        ProfileStore store = new ProfileStore(config);
        store.save(List.of(ConnectionProfile.remote("staging", "https://kmb.example:7420", "secret", null)));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void noFileMeansOnlyTheEmbeddedProfile() {
        assertThat(new ProfileStore(config.resolve("absent")).load()).containsExactly(ConnectionProfile.EMBEDDED_PROFILE);
    }
}
