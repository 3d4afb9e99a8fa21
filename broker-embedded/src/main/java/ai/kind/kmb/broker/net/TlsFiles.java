package ai.kind.kmb.broker.net;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * The server's certificate chain and private key, both PEM files (the key in PKCS#8). Only TLS 1.3
 * and 1.2 are offered: older versions have known breaks and every current client speaks 1.2.
 */
public record TlsFiles(Path certificateChain, Path privateKey) {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    public TlsFiles {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** Builds the server context; fails with a message naming the file that could not be used. */
    public SslContext serverContext() {
        requireReadable("certificate", certificateChain);
        requireReadable("private key", privateKey);
        try {
            return SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS: cannot use certificate " + certificateChain + " with key "
                    + privateKey + ": " + e.getMessage(), e);
        }
    }

    private static void requireReadable(String what, Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("TLS: " + what + " file " + file + " does not exist or cannot be read");
        }
    }
}
