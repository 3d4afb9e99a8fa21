package ai.kind.kmb.broker.net;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * The server's certificate chain and private key, both PEM files (the key in PKCS#8), and
 * optionally the CA that client certificates must chain to. Only TLS 1.3 and 1.2 are offered: older
 * versions have known breaks and every current client speaks 1.2.
 *
 * @param clientCa   PEM file of the CA(s) client certificates are checked against, or null
 * @param clientAuth whether clients must, may or need not present a certificate
 */
public record TlsFiles(Path certificateChain, Path privateKey, Path clientCa, ClientAuth clientAuth) {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** Whether a client certificate is asked for. */
    public enum ClientAuth {
        NONE, OPTIONAL, REQUIRED
    }

    public TlsFiles {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
        if (clientAuth != ClientAuth.NONE && clientCa == null) {
            throw new IllegalArgumentException("TLS: client certificates are " + clientAuth.name().toLowerCase()
                    + " but no client CA file is given");
        }
    }

    public TlsFiles(Path certificateChain, Path privateKey) {
        this(certificateChain, privateKey, null, ClientAuth.NONE);
    }

    /** Builds the server context; fails with a message naming the file that could not be used. */
    public SslContext serverContext() {
        requireReadable("certificate", certificateChain);
        requireReadable("private key", privateKey);
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS);
            if (clientAuth != ClientAuth.NONE) {
                requireReadable("client CA", clientCa);
                builder.trustManager(clientCa.toFile()).clientAuth(clientAuth == ClientAuth.REQUIRED
                        ? io.netty.handler.ssl.ClientAuth.REQUIRE : io.netty.handler.ssl.ClientAuth.OPTIONAL);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS: cannot use certificate " + certificateChain + " with key "
                    + privateKey + (clientCa == null ? "" : " and client CA " + clientCa) + ": " + e.getMessage(), e);
        }
    }

    private static void requireReadable(String what, Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("TLS: " + what + " file " + file + " does not exist or cannot be read");
        }
    }
}
