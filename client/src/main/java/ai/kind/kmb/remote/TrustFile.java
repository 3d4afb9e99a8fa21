package ai.kind.kmb.remote;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An SSL context that trusts the certificates of one PEM file (a development CA, or a server's
 * self-signed certificate), for connecting to a KMB server over TLS.
 */
public final class TrustFile {
    private TrustFile() {
    }

    public static SSLContext sslContext(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new KmbException(ErrorCode.BAD_REQUEST, "trust file " + pemFile + " holds no certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("kmb-trusted-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "cannot read trust file " + pemFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "trust file " + pemFile
                    + " is not a PEM file of X.509 certificates: " + e.getMessage());
        }
    }
}
