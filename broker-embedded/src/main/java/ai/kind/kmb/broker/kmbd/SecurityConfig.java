package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.net.TlsFiles;
import ai.kind.kmb.broker.security.AuthSettings;
import ai.kind.kmb.broker.security.SignaturePolicy;
import ai.kind.kmb.broker.security.SigningSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code kmb.auth}, {@code kmb.signing} and {@code kmb.tls} client-certificate keys, as the server's settings. */
final class SecurityConfig {
    private SecurityConfig() {
    }

    @SuppressWarnings("unchecked")
    static AuthSettings auth(Map<Setting, Object> values) {
        try {
            return new AuthSettings((String) values.get(Setting.JWT_SECRET),
                    (List<Path>) values.getOrDefault(Setting.AUTH_PUBLIC_KEYS, List.of()),
                    (Path) values.get(Setting.AUTH_JWKS),
                    (String) values.get(Setting.AUTH_ISSUER),
                    (String) values.get(Setting.AUTH_AUDIENCE),
                    (Duration) values.getOrDefault(Setting.AUTH_CLOCK_SKEW, AuthSettings.DEFAULT_SKEW));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("kmb.auth: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static SigningSettings signing(Map<Setting, Object> values) {
        String onFailure = (String) values.getOrDefault(Setting.SIGNING_ON_FAILURE, "refuse");
        try {
            return new SigningSettings((Path) values.get(Setting.SIGNING_KEYS),
                    (List<TopicFilter>) values.getOrDefault(Setting.SIGNING_REQUIRED, List.of()),
                    SignaturePolicy.OnFailure.valueOf(onFailure.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    static TlsFiles tls(Path cert, Path key, Map<Setting, Object> values) {
        Path clientCa = (Path) values.get(Setting.TLS_CLIENT_CA);
        String mode = (String) values.getOrDefault(Setting.TLS_CLIENT_AUTH, clientCa == null ? "none" : "optional");
        TlsFiles.ClientAuth clientAuth = TlsFiles.ClientAuth.valueOf(mode.toUpperCase(Locale.ROOT));
        if (clientAuth != TlsFiles.ClientAuth.NONE && clientCa == null) {
            throw new ConfigException("kmb.tls.client_auth is " + mode + " but kmb.tls.client_ca (KMB_TLS_CLIENT_CA)"
                    + " is not set: it names the CA client certificates must chain to");
        }
        return new TlsFiles(cert, key, clientCa, clientAuth);
    }
}
