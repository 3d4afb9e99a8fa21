package ai.kind.kmb.ui.connect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A saved way to reach a bus. The embedded profile needs nothing else; a remote one has the
 * server's URL, an optional token, and an optional PEM file of certificates to trust for TLS.
 */
public record ConnectionProfile(
        @JsonProperty("name") String name,
        @JsonProperty("kind") Kind kind,
        @JsonProperty("url") String url,
        @JsonProperty("token") String token,
        @JsonProperty("trust_file") String trustFile) {

    public enum Kind {
        @JsonProperty("embedded") EMBEDDED,
        @JsonProperty("remote") REMOTE
    }

    public static final String EMBEDDED_NAME = "Embedded broker";
    public static final ConnectionProfile EMBEDDED_PROFILE = new ConnectionProfile(EMBEDDED_NAME, Kind.EMBEDDED, null,
            null, null);

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    public static ConnectionProfile remote(String name, String url, String token, String trustFile) {
        return new ConnectionProfile(name, Kind.REMOTE, url, blankToNull(token), blankToNull(trustFile));
    }

    @JsonIgnore
    public boolean isEmbedded() {
        return kind == Kind.EMBEDDED;
    }

    /** What a list shows: the name, and where it points for a remote profile. */
    @Override
    public String toString() {
        return isEmbedded() ? name : name + " — " + url;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
