package ai.kind.kmb.cli;

import static ai.kind.kmb.signing.Ed25519Keys.pem;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development CA and a server certificate it signs (EC P-256), for TLS on a laptop or in CI:
 * {@code ca.pem} is what clients trust, {@code server.pem} (the server's certificate then the CA's)
 * and {@code server-key.pem} (PKCS#8) are kmbd's {@code kmb.tls.cert} and {@code kmb.tls.key}.
 */
final class DevCertificates {
    static final List<String> DEFAULT_HOSTS = List.of("localhost", "127.0.0.1", "::1");
    private static final String SIGNATURE = "SHA256withECDSA";

    record Written(Path ca, Path caKey, Path serverChain, Path serverKey) {
    }

    private DevCertificates() {
    }

    static Written write(Path dir, List<String> hosts, Duration validity) throws IOException, GeneralSecurityException {
        KeyPair caKeys = keyPair();
        KeyPair serverKeys = keyPair();
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=KMB development CA");
        X509Certificate ca = build(new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(validity)), caName, caKeys.getPublic()), caKeys, caKeys, true, List.of());
        X509Certificate server = build(new JcaX509v3CertificateBuilder(ca, serial(), Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(validity)), new X500Name("CN=" + hosts.getFirst()), serverKeys.getPublic()),
                caKeys, serverKeys, false, hosts);
        Files.createDirectories(dir);
        return new Written(
                write(dir.resolve("ca.pem"), pem("CERTIFICATE", ca.getEncoded())),
                write(dir.resolve("ca-key.pem"), pem("PRIVATE KEY", caKeys.getPrivate().getEncoded())),
                write(dir.resolve("server.pem"), pem("CERTIFICATE", server.getEncoded())
                        + pem("CERTIFICATE", ca.getEncoded())),
                write(dir.resolve("server-key.pem"), pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded())));
    }

    private static X509Certificate build(X509v3CertificateBuilder builder, KeyPair issuer, KeyPair subject,
                                         boolean authority, List<String> hosts) throws GeneralSecurityException {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(subject.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuer.getPublic()));
            if (authority) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                        .addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuer.getPrivate())));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the certificate: " + e.getMessage(), e);
        }
    }

    /** Addresses become IP names, anything else a DNS name, so clients check either way. */
    private static GeneralNames alternativeNames(List<String> hosts) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            boolean address = host.contains(":") || host.matches("[0-9.]+");
            names.add(new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, host));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text);
    }
}
